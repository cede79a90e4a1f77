using Coffer.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Coffer.Server.Oidc;

/// <summary>
/// The issuer URL (<c>iss</c>) of the tokens the server mints: <c>&lt;public URL&gt;/oidc</c>, where the
/// public URL is <c>--issuer-url</c>, or else the first address the server listens on. Discovery
/// and keys are published under it (<c>&lt;iss&gt;/.well-known/openid-configuration</c> and
/// <c>&lt;iss&gt;/.well-known/jwks</c>), as ESC publishes them. It never comes from a request's
/// <c>Host</c> header, which any caller chooses.
/// </summary>
public sealed class OidcIssuer(ServerOptions options, IServer server)
{
    /// <summary>The path under the public URL where the issuer lives.</summary>
    public const string PathBase = "/oidc";

    private readonly string? _configured = options.IssuerUrl is { Length: > 0 } url ? Normalize(url) : null;

    /// <summary>The issuer URL, without a trailing slash.</summary>
    public string Url => _configured ?? Normalize(ListenAddress());

    /// <summary>True when the URL was configured rather than taken from the listen addresses.</summary>
    public bool IsConfigured => _configured is not null;

    public string JwksUrl => Url + "/.well-known/jwks";

    /// <summary>
    /// <c>https://coffer.example.com</c> and <c>https://coffer.example.com/oidc</c> both give
    /// <c>https://coffer.example.com/oidc</c>. Throws <see cref="ArgumentException"/> for anything
    /// but an absolute http(s) URL without query or fragment.
    /// </summary>
    public static string Normalize(string url)
    {
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            throw new ArgumentException($"the issuer URL \"{url}\" must be an absolute http or https URL without query, fragment or user", nameof(url));
        }
        var text = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return text.EndsWith(PathBase, StringComparison.Ordinal) ? text : text + PathBase;
    }

    // After start-up Kestrel reports the addresses it bound (port 0 resolved); before, the configured ones.
    // A wildcard host (http://+:80) is no URL; localhost at least names this machine.
    private string ListenAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
            ?? ServerOptions.DefaultUrls;
        return address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal);
    }
}
