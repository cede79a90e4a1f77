using System.Text.RegularExpressions;

namespace Coffer.Providers.Azure;

/// <summary>
/// Where the Azure providers send requests: the Entra ID authority and the DNS suffix of Key Vault.
/// The defaults are Azure's public cloud; the host may choose a sovereign cloud or a test emulator.
/// An environment only names a vault, and a vault name is checked to be one, so it cannot pick a host.
/// </summary>
public sealed partial record AzureEndpoints
{
    /// <summary>Azure's public cloud.</summary>
    public static AzureEndpoints Public { get; } = new();

    /// <summary>The Entra ID authority; token requests go to <c>&lt;authority&gt;/&lt;tenant&gt;/oauth2/v2.0/token</c>.</summary>
    public Uri Authority { get; init; } = new("https://login.microsoftonline.com/");

    /// <summary>The DNS suffix of vaults: vault <c>my-kv</c> is <c>https://my-kv.&lt;suffix&gt;</c>.</summary>
    public string KeyVaultDnsSuffix { get; init; } = "vault.azure.net";

    internal Uri TokenEndpoint(string tenantId) => new(Authority, $"{Uri.EscapeDataString(tenantId)}/oauth2/v2.0/token");

    internal Uri VaultUri(string vault) => IsVaultName(vault)
        ? new Uri($"https://{vault}.{KeyVaultDnsSuffix}/")
        : throw new ArgumentException($"\"{vault}\" is not a Key Vault name", nameof(vault));

    /// <summary>Key Vault's rule: 3–24 letters, digits and dashes, starting with a letter, not ending with a dash.</summary>
    internal static bool IsVaultName(string vault) => VaultName().IsMatch(vault) && !vault.Contains("--", StringComparison.Ordinal);

    internal const string VaultNamePattern = "^[a-zA-Z][a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$";

    [GeneratedRegex(VaultNamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex VaultName();
}
