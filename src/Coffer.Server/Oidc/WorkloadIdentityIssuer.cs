using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Coffer.Language.Hosting;
using Coffer.Providers.Oidc;
using Coffer.Server.Audit;
using Coffer.Server.Storage;

namespace Coffer.Server.Oidc;

/// <summary>
/// Mints the identity tokens login providers exchange for cloud credentials: one short-lived token
/// per call, with ESC's claims (<c>aud</c> = <c>&lt;prefix&gt;:&lt;org&gt;</c>, ESC's <c>sub</c>,
/// <c>org</c>, <c>current_env</c>, <c>root_env</c>, <c>trigger_user</c>) and Coffer's
/// <c>root_env_revision</c>. Every claim comes from the server's records of the evaluation.
/// </summary>
public sealed partial class WorkloadIdentityIssuer(OidcIssuer issuer, SigningKeys keys, TimeProvider clock, AuditLog audit, ILogger<WorkloadIdentityIssuer> logger) : IWorkloadIdentityTokens
{
    public async ValueTask<string> MintAsync(WorkloadIdentityRequest request, ProviderContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        if (context.HostState is not EvaluationFacts facts)
        {
            throw new ProviderException("identity tokens are issued only for environments the server evaluates");
        }
        if (!AudiencePrefixPattern().IsMatch(request.AudiencePrefix))
        {
            throw new InvalidOperationException($"the audience prefix of {request.Provider} is not a plain name");
        }
        var organization = facts.Organization.Name;
        var user = facts.Caller.Login;
        var attested = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [WorkloadIdentitySubject.UserLogin] = user,
            [WorkloadIdentitySubject.TokenType] = TokenKinds.Format(facts.Caller.Token.Kind),
            // pulumi.token.team has no value until teams are stored by name.
        };
        var subject = WorkloadIdentitySubject.Build(organization, context, request.SubjectAttributes, attested);
        var audience = $"{request.AudiencePrefix}:{organization}";

        var (keyId, key) = await keys.SignerAsync(cancellationToken);
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        var expires = issuedAt + SigningKeyPolicy.TokenLifetime;
        var tokenId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var token = JwtWriter.Sign(keyId, key, json =>
        {
            json.WriteString("iss", issuer.Url);
            json.WriteString("sub", subject);
            json.WriteString("aud", audience);
            json.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            json.WriteNumber("nbf", issuedAt.ToUnixTimeSeconds());
            json.WriteNumber("exp", expires.ToUnixTimeSeconds());
            json.WriteString("jti", tokenId);
            json.WriteString("org", organization);
            json.WriteString("env", context.EnvironmentName);
            json.WriteString("current_env", context.EnvironmentName);
            json.WriteString("root_env", context.RootEnvironmentName);
            if (facts.Revision is { } revision)
            {
                json.WriteNumber("root_env_revision", revision);
            }
            json.WriteString("trigger_user", user);
        });

        // Recorded before the token can leave the server: with the open session that carries it
        // when the mint happens inside an audited request, otherwise on its own right now.
        var minted = new AuditEvent(
            clock.GetUtcNow(),
            facts.Organization.Id,
            AuditEvents.Actor(facts.Caller),
            facts.Caller.Token.Id,
            "",
            "",
            AuditActions.OidcTokenMinted,
            ProjectOf(context.RootEnvironmentName),
            NameOf(context.RootEnvironmentName),
            facts.Revision,
            AuditOutcomes.Success,
            AuditEvents.Details(
                ("tokenId", tokenId),
                ("provider", request.Provider),
                ("subject", subject),
                ("audience", audience),
                ("environment", context.EnvironmentName),
                ("lifetimeSeconds", (long)SigningKeyPolicy.TokenLifetime.TotalSeconds),
                ("expires", expires.ToUnixTimeSeconds())));
        if (AuditScope.Current is { } scope)
        {
            scope.Add(minted);
        }
        else
        {
            await audit.RecordAsync(minted, cancellationToken);
        }
        logger.LogInformation(
            "Issued OIDC token {TokenId} for {Provider} in {Environment} (opening {RootEnvironment} for {User}): audience {Audience}, subject {Subject}, expires {Expires:u}",
            tokenId, request.Provider, context.EnvironmentName, context.RootEnvironmentName, user, audience, subject, expires);
        return token;
    }

    private static string ProjectOf(string qualified) => qualified.IndexOf('/', StringComparison.Ordinal) is var slash and > 0 ? qualified[..slash] : "";

    private static string NameOf(string qualified) => qualified[(qualified.IndexOf('/', StringComparison.Ordinal) + 1)..];

    [GeneratedRegex("^[a-z][a-z0-9-]{0,31}$", RegexOptions.CultureInvariant)]
    private static partial Regex AudiencePrefixPattern();
}
