using Coffer.Cli.CommandLine;

namespace Coffer.Cli.Remote;

/// <summary>A server's root URL in the one form it is stored and compared in: scheme, host, port and path without a trailing slash.</summary>
internal static class ServerUrl
{
    /// <summary>Parses what a user typed; a bare host name means HTTPS.</summary>
    public static string Normalize(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.Contains("://", StringComparison.Ordinal))
        {
            trimmed = "https://" + trimmed;
        }
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || uri.Host.Length == 0)
        {
            throw new CommandFailure($"\"{text}\" is not a server URL: expected http(s)://host[:port]");
        }
        if (uri.UserInfo.Length > 0)
        {
            // Not echoed: the user part may hold a password.
            throw new CommandFailure("a server URL must not carry a user name or password: log in with an access token instead");
        }
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            throw new CommandFailure($"\"{text}\" is not a server URL: it must not carry a query or a fragment");
        }
        return uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }
}
