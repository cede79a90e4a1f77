using System.Collections.Concurrent;
using Coffer.Language.Hosting;
using Coffer.Language.Values;
using Coffer.Providers.Oidc;
using Coffer.Emulators;

namespace Coffer.Providers.Tests.Support;

/// <summary>
/// Plays the server's part: mints identity tokens with the test issuer's key, with the claims the
/// server's issuer will write (<c>aud</c> = prefix:organization, the ESC subject, org and env claims).
/// Knobs let a test mint tokens a relying party must refuse.
/// </summary>
internal sealed class TestWorkloadIdentityTokens(TestOidcIssuer issuer, string organization) : IWorkloadIdentityTokens
{
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How long ago the token was issued (with a short lifetime: an expired token).</summary>
    public TimeSpan Age { get; init; } = TimeSpan.Zero;

    public bool SignWithUnpublishedKey { get; init; }

    public ConcurrentQueue<WorkloadIdentityRequest> Requests { get; } = new();

    public ConcurrentQueue<string> Minted { get; } = new();

    public ValueTask<string> MintAsync(WorkloadIdentityRequest request, ProviderContext context, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        var user = context.ExecutionContext["pulumi"]?["user"]?["login"] is { Kind: EscValueKind.String } login ? login.AsString : "";
        var attested = new Dictionary<string, string> { [WorkloadIdentitySubject.UserLogin] = user };
        var subject = WorkloadIdentitySubject.Build(organization, context, request.SubjectAttributes, attested);
        var token = issuer.Sign(
            request.AudiencePrefix.Length == 0 ? organization : $"{request.AudiencePrefix}:{organization}",
            subject,
            DateTimeOffset.UtcNow - Age,
            Lifetime,
            new Dictionary<string, object>
            {
                ["org"] = organization,
                ["current_env"] = context.EnvironmentName,
                ["root_env"] = context.RootEnvironmentName,
                ["trigger_user"] = user,
            },
            SignWithUnpublishedKey);
        Minted.Enqueue(token);
        return ValueTask.FromResult(token);
    }
}
