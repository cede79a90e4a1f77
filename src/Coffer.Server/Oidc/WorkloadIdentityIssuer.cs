using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Coffer.Language.Hosting;
using Coffer.Language.Values;
using Coffer.Providers.Oidc;
using Coffer.Server.Storage;

namespace Coffer.Server.Oidc;

/// <summary>
/// Mints the identity tokens login providers exchange for cloud credentials: one short-lived token
/// per call, with ESC's claims (<c>aud</c> = <c>&lt;prefix&gt;:&lt;org&gt;</c> or the bare <c>&lt;org&gt;</c>, ESC's <c>sub</c>,
/// <c>org</c>, <c>current_env</c>, <c>root_env</c>, <c>trigger_user</c>) and Coffer's
/// <c>root_env_revision</c>. Every claim comes from the server's records of the evaluation. The same
/// claims, unsigned, are what <c>debug-oidc-claims</c> previews.
/// </summary>
public sealed partial class WorkloadIdentityIssuer(OidcIssuer issuer, SigningKeys keys, TimeProvider clock, ILogger<WorkloadIdentityIssuer> logger) : IWorkloadIdentityTokens, IWorkloadIdentityClaims
{
    public async ValueTask<string> MintAsync(WorkloadIdentityRequest request, ProviderContext context, CancellationToken cancellationToken)
    {
        var claims = Claims(request, context);
        var (keyId, key) = await keys.SignerAsync(cancellationToken);
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(clock.GetUtcNow().ToUnixTimeSeconds());
        var expires = issuedAt + SigningKeyPolicy.TokenLifetime;
        var tokenId = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        var token = JwtWriter.Sign(keyId, key, json =>
        {
            json.WriteString("iss", claims.Issuer);
            json.WriteString("sub", claims.Subject);
            json.WriteString("aud", claims.Audience);
            json.WriteNumber("iat", issuedAt.ToUnixTimeSeconds());
            json.WriteNumber("nbf", issuedAt.ToUnixTimeSeconds());
            json.WriteNumber("exp", expires.ToUnixTimeSeconds());
            json.WriteString("jti", tokenId);
            json.WriteString("org", claims.Organization);
            json.WriteString("env", claims.Environment);
            json.WriteString("current_env", claims.Environment);
            json.WriteString("root_env", claims.RootEnvironment);
            if (claims.Revision is { } revision)
            {
                json.WriteNumber("root_env_revision", revision);
            }
            json.WriteString("trigger_user", claims.User);
        });

        // The audit log records each mint here, before the token leaves the server, once it exists
        // (token id, subject, audience, environments, caller, lifetime). Until then: the log.
        logger.LogInformation(
            "Issued OIDC token {TokenId} for {Provider} in {Environment} (opening {RootEnvironment} for {User}): audience {Audience}, subject {Subject}, expires {Expires:u}",
            tokenId, request.Provider, claims.Environment, claims.RootEnvironment, claims.User, claims.Audience, claims.Subject, expires);
        return token;
    }

    public ValueTask<EscValue> PreviewAsync(WorkloadIdentityRequest request, ProviderContext context, CancellationToken cancellationToken)
    {
        var claims = Claims(request, context);
        var properties = new List<(string, EscValue)>
        {
            ("iss", EscValue.FromString(claims.Issuer)),
            ("sub", EscValue.FromString(claims.Subject)),
            ("aud", EscValue.FromString(claims.Audience)),
            ("org", EscValue.FromString(claims.Organization)),
            ("env", EscValue.FromString(claims.Environment)),
            ("current_env", EscValue.FromString(claims.Environment)),
            ("root_env", EscValue.FromString(claims.RootEnvironment)),
            ("trigger_user", EscValue.FromString(claims.User)),
        };
        if (claims.Revision is { } revision)
        {
            properties.Add(("root_env_revision", EscValue.FromNumber(revision)));
        }
        return ValueTask.FromResult(EscValue.FromObject([.. properties]));
    }

    private IdentityClaims Claims(WorkloadIdentityRequest request, ProviderContext context)
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
        var audience = request.AudiencePrefix.Length == 0 ? organization : $"{request.AudiencePrefix}:{organization}";
        return new IdentityClaims(issuer.Url, subject, audience, organization, context.EnvironmentName, context.RootEnvironmentName, facts.Revision, user);
    }

    // Empty: the bare organization, as Vault's JWT roles expect.
    [GeneratedRegex("^([a-z][a-z0-9-]{0,31})?$", RegexOptions.CultureInvariant)]
    private static partial Regex AudiencePrefixPattern();

    private sealed record IdentityClaims(string Issuer, string Subject, string Audience, string Organization, string Environment, string RootEnvironment, int? Revision, string User);
}
