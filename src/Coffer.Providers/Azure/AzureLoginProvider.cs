using Coffer.Language.Hosting;
using Coffer.Language.Schemas;
using Coffer.Language.Values;
using Coffer.Providers.Oidc;

namespace Coffer.Providers.Azure;

/// <summary>
/// <c>fn::open::azure-login</c>: an app registration's login for the other Azure providers and for
/// tools (<c>ARM_*</c> variables). Static: the client secret is passed through. OIDC: Coffer issues an
/// identity token (audience <c>azure:&lt;org&gt;</c>) and exchanges it once at Entra ID as a client
/// assertion, so a federated credential that does not trust it fails here, at the login, with
/// Entra's reason; the token itself is the output, as consumers do their own exchange with it.
/// </summary>
internal sealed class AzureLoginProvider(AzureClients clients) : IProvider
{
    public const string Name = "azure-login";

    /// <summary>The scope of the check exchange: Azure Resource Manager, which any app may ask for.</summary>
    internal const string CheckScope = "https://management.azure.com/.default";

    public Schema Inputs => AzureLoginSchemas.Inputs;

    public Schema Outputs => AzureLoginSchemas.Outputs;

    public async ValueTask<EscValue> OpenAsync(EscValue inputs, ProviderContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ProviderInputs.RejectUnknown(inputs, Name, "", "clientId", "tenantId", "subscriptionId", "clientSecret", "oidc", "subjectAttributes");
        var clientId = ProviderInputs.RequiredString(inputs, "clientId", Name, "");
        var tenantId = ProviderInputs.RequiredString(inputs, "tenantId", Name, "");
        var subscriptionId = ProviderInputs.OptionalString(inputs, "subscriptionId", Name, "");
        var clientSecret = ProviderInputs.OptionalString(inputs, "clientSecret", Name, "");
        var oidc = ProviderInputs.OptionalBoolean(inputs, "oidc", false, Name, "");
        var subjectAttributes = ProviderInputs.OptionalStrings(inputs, "subjectAttributes", Name, "");
        if (oidc == (clientSecret is not null))
        {
            throw new ProviderException($"{Name}: give either \"clientSecret\" or \"oidc: true\", not both or neither");
        }
        if (!oidc && subjectAttributes.Count > 0)
        {
            throw new ProviderException($"{Name}: subjectAttributes only apply with \"oidc: true\"");
        }

        var properties = new List<(string, EscValue)>
        {
            ("clientId", inputs["clientId"]!),
            ("tenantId", inputs["tenantId"]!),
        };
        if (subscriptionId is not null)
        {
            properties.Add(("subscriptionId", inputs["subscriptionId"]!));
        }
        if (clientSecret is not null)
        {
            properties.Add(("clientSecret", EscValue.FromString(clientSecret, secret: true)));
            return EscValue.FromObject([.. properties]);
        }

        var token = await IdentityTokenMint.MintAsync(
            clients.Options.IdentityTokens, new WorkloadIdentityRequest(Name, "azure", subjectAttributes), context, cancellationToken).ConfigureAwait(false);
        await clients.Entra.RequestAsync(new AzureClientCredentials(clientId, tenantId, null, token), CheckScope, Name, cancellationToken).ConfigureAwait(false);
        properties.Add(("oidc", EscValue.FromObject(("token", EscValue.FromString(token, secret: true)))));
        return EscValue.FromObject([.. properties]);
    }
}
