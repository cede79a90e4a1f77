using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Coffer.Server.Hosting;

/// <summary>
/// Reads the client's address from <c>X-Forwarded-For</c>, but only on connections from the
/// configured proxies and only the last hop they added: anyone else could forge the header and
/// escape the per-address limits.
/// </summary>
internal static class TrustedProxyHeaders
{
    public static ForwardedHeadersOptions Options(IReadOnlyList<IPAddress> proxies)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        // The defaults trust loopback; only what the operator listed is trusted here.
        options.KnownIPNetworks.Clear();
        options.KnownProxies.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(proxy);
        }
        return options;
    }
}
