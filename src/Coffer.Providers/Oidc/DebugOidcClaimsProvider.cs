using Coffer.Language.Hosting;
using Coffer.Language.Schemas;
using Coffer.Language.Values;

namespace Coffer.Providers.Oidc;

/// <summary>
/// <c>fn::open::debug-oidc-claims</c>: signs nothing and returns the claims a login provider's
/// identity token would carry. Given <c>audiencePrefix</c> (<c>aws</c>, <c>gcp</c>, or empty for
/// Vault's bare organization) and optionally <c>subjectAttributes</c>, it previews that token.
/// The other form (<c>identityToken.version: v2</c> with <c>audience</c>) previews
/// <c>fn::open::oidc</c> tokens, which this server does not issue yet: it says so.
/// </summary>
internal sealed class DebugOidcClaimsProvider(CofferProviderOptions options) : IProvider
{
    public const string Name = "debug-oidc-claims";

    public Schema Inputs { get; } = Schema.Parse("""
        {
          "type": "object",
          "properties": {
            "audiencePrefix": {"type": "string", "pattern": "^([a-z][a-z0-9-]{0,31})?$", "description": "The login's audience prefix (aws, azure, gcp; empty for Vault)."},
            "subjectAttributes": {"type": "array", "items": {"type": "string", "enum": ["currentEnvironment.name", "rootEnvironment.name", "pulumi.user.login", "pulumi.organization.login", "pulumi.token.type", "pulumi.token.team"]} },
            "audience": {"type": "string", "minLength": 1, "maxLength": 512},
            "duration": {"type": "string"},
            "identityToken": {"type": "object", "properties": {"version": {"type": "string"}}, "required": ["version"]}
          }
        }
        """);

    public Schema Outputs { get; } = Schema.Parse("""{"type": "object", "additionalProperties": true}""");

    public async ValueTask<EscValue> OpenAsync(EscValue inputs, ProviderContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ProviderInputs.RejectUnknown(inputs, Name, "", "audiencePrefix", "subjectAttributes", "audience", "duration", "identityToken");
        if (inputs["identityToken"] is not null || inputs["audience"] is not null || inputs["duration"] is not null)
        {
            if (inputs["audiencePrefix"] is not null || inputs["subjectAttributes"] is not null)
            {
                throw new ProviderException($"{Name}: give either identityToken, audience and duration (v2 tokens) or audiencePrefix and subjectAttributes (login tokens), not both");
            }
            throw new ProviderException($"{Name}: v2 identity tokens (fn::open::oidc) are not issued by this server yet; preview a login token with audiencePrefix");
        }
        var prefix = ProviderInputs.OptionalString(inputs, "audiencePrefix", Name, "")
            ?? throw new ProviderException($"{Name}: give audiencePrefix (aws, azure, gcp, or \"\" for Vault)");
        var attributes = ProviderInputs.OptionalStrings(inputs, "subjectAttributes", Name, "");
        var preview = options.IdentityTokens as IWorkloadIdentityClaims
            ?? throw new ProviderException($"{Name}: identity tokens are issued by a Coffer server; this host has none");
        try
        {
            return await preview.PreviewAsync(new WorkloadIdentityRequest(Name, prefix, attributes), context, cancellationToken).ConfigureAwait(false);
        }
        catch (ProviderException ex)
        {
            throw new ProviderException($"{Name}: {ex.Message}", ex);
        }
    }
}
