using Coffer.Language.Hosting;
using Coffer.Language.Values;
using Coffer.Providers.Oidc;
using Coffer.Server.Auth;
using Coffer.Server.Oidc;
using Coffer.Server.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Oidc;

/// <summary>Asks a server's issuer for a token as a login provider does, for an evaluation the test describes.</summary>
public static class Mint
{
    public static readonly Organization Acme = new("org-1", "acme", DateTimeOffset.UnixEpoch);

    public static EvaluationFacts Facts(string login = "alice", TokenKind kind = TokenKind.Personal, int? revision = 7)
    {
        var token = new AccessToken("token-1", [1, 2, 3], kind, kind == TokenKind.Personal ? "user-1" : null, Acme.Id, null, "t", "", DateTimeOffset.UnixEpoch, null, null, null, login);
        var user = kind == TokenKind.Personal ? new User("user-1", login, login, null, DateTimeOffset.UnixEpoch) : null;
        return new EvaluationFacts(Acme, new Caller(token, user, kind == TokenKind.Personal ? null : Acme, [Acme]), revision);
    }

    public static ValueTask<string> TokenAsync(
        LoopbackCofferServer server,
        IReadOnlyList<string>? subjectAttributes = null,
        object? hostState = null,
        string environment = "payments/common",
        string rootEnvironment = "payments/prod") =>
        server.Services.GetRequiredService<WorkloadIdentityIssuer>().MintAsync(
            new WorkloadIdentityRequest("aws-login", "aws", subjectAttributes ?? []),
            new ProviderContext(environment, rootEnvironment, EscValue.FromObject(), hostState ?? Facts()),
            CancellationToken.None);
}
