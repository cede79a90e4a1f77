using Coffer.Language.Hosting;

namespace Coffer.Providers.Vault;

/// <summary>
/// The <c>address</c> of a Vault server: a scheme and a host (and port), nothing else. A path, a
/// query or user information in it would change where requests go in ways the reader of the
/// definition does not see, so they are refused rather than dropped.
/// </summary>
internal static class VaultAddress
{
    public static Uri Parse(string text, string provider, string path)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Host.Length == 0
            || uri.UserInfo.Length != 0
            || uri.Query.Length != 0
            || uri.Fragment.Length != 0
            || uri.AbsolutePath != "/"
            || text.Contains('?', StringComparison.Ordinal)
            || text.Contains('#', StringComparison.Ordinal))
        {
            throw new ProviderException($"{provider}: {path}address must be a Vault server's http(s) address with no path, such as https://vault.example.com:8200");
        }
        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }

    /// <summary>The address as outputs show it: as written, without a trailing slash.</summary>
    public static string Display(string text) => text.TrimEnd('/');
}
