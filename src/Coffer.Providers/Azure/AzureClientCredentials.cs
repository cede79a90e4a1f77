using Coffer.Language.Hosting;
using Coffer.Language.Values;

namespace Coffer.Providers.Azure;

/// <summary>
/// An app registration's credentials for the client-credentials grant: a client secret, or a client
/// assertion (an identity token issued by Coffer that a federated credential on the app trusts).
/// </summary>
internal sealed record AzureClientCredentials(string ClientId, string TenantId, string? ClientSecret, string? ClientAssertion)
{
    /// <summary>Reads the <c>login</c> input of an Azure provider (what <c>azure-login</c> returns).</summary>
    public static AzureClientCredentials Read(EscValue inputs, string provider)
    {
        var login = ProviderInputs.RequiredObject(inputs, "login", provider, "");
        ProviderInputs.RejectUnknown(login, provider, "login.", "clientId", "tenantId", "subscriptionId", "clientSecret", "oidc");
        var secret = ProviderInputs.OptionalString(login, "clientSecret", provider, "login.");
        string? assertion = null;
        if (login["oidc"] is { Kind: not EscValueKind.Null })
        {
            var oidc = ProviderInputs.RequiredObject(login, "oidc", provider, "login.");
            assertion = ProviderInputs.RequiredString(oidc, "token", provider, "login.oidc.");
        }
        if ((secret is null) == (assertion is null))
        {
            throw new ProviderException($"{provider}: the login needs exactly one of clientSecret or oidc.token (use the output of azure-login)");
        }
        return new AzureClientCredentials(
            ProviderInputs.RequiredString(login, "clientId", provider, "login."),
            ProviderInputs.RequiredString(login, "tenantId", provider, "login."),
            secret,
            assertion);
    }

    /// <summary>The values that must never appear in a message.</summary>
    public IEnumerable<string?> Secrets => [ClientSecret, ClientAssertion];

    public override string ToString() => $"AzureClientCredentials {{ ClientId = {ClientId}, TenantId = {TenantId} }}";
}
