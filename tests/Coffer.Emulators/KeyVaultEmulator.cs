using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.Emulators;

/// <summary>
/// Azure Key Vault's get-secret over TLS, under the real host names (<c>&lt;vault&gt;.vault.azure.net</c>)
/// with a certificate from <see cref="TestCertificates"/>. It authenticates as the service does: a
/// request without a token gets 401 and a <c>WWW-Authenticate</c> challenge naming the vault's
/// tenant and the resource; a token must come from <see cref="EntraEmulator"/> for that tenant and
/// resource, unexpired, for an app granted read access. Errors carry Key Vault's JSON shape.
/// <see cref="CreateHttpClient"/> gives the client that reaches it: it resolves vault hosts to this
/// server and trusts its certificate authority, and nothing else changes.
/// </summary>
public sealed class KeyVaultEmulator : IAsyncDisposable
{
    public const string DnsSuffix = "vault.azure.net";
    private const string Resource = "https://vault.azure.net";

    private readonly ConcurrentDictionary<string, Vault> _vaults = new(StringComparer.OrdinalIgnoreCase);
    private readonly WebApplication _app;
    private readonly AccessTokenStore _tokens;
    private readonly int _port;

    private KeyVaultEmulator(WebApplication app, int port, AccessTokenStore tokens, TestCertificates certificates)
    {
        _app = app;
        _port = port;
        _tokens = tokens;
        Certificates = certificates;
    }

    private sealed record Vault(string Name, string TenantId, ConcurrentDictionary<string, List<SecretVersion>> Secrets, ConcurrentDictionary<string, bool> Readers);

    private sealed record SecretVersion(string Version, string Value, bool Enabled, DateTimeOffset Created);

    public TestCertificates Certificates { get; }

    /// <summary>Where the emulator listens; clients reach it under the vault host names.</summary>
    public Uri Address => new($"https://127.0.0.1:{_port}/");

    /// <summary>Faults keyed by secret name.</summary>
    public ServiceFaults Faults { get; } = new();

    /// <summary>How many requests arrived without a token (the first step of the challenge).</summary>
    public int Challenges => Volatile.Read(ref _challenges);

    private int _challenges;

    public static async Task<KeyVaultEmulator> StartAsync(AccessTokenStore tokens)
    {
        var certificates = TestCertificates.Issue("*." + DnsSuffix);
        KeyVaultEmulator? emulator = null;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificates.Server)));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/secrets/{name}", (Delegate)((HttpContext context) => emulator!.GetSecretAsync(context)));
        app.MapGet("/secrets/{name}/{version}", (Delegate)((HttpContext context) => emulator!.GetSecretAsync(context)));
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        emulator = new KeyVaultEmulator(app, address.Port, tokens, certificates);
        return emulator;
    }

    public void AddVault(string name, string tenantId) => _vaults[name] = new Vault(name, tenantId, new(StringComparer.OrdinalIgnoreCase), new(StringComparer.OrdinalIgnoreCase));

    /// <summary>Gives an app (by client id) the right to read the vault's secrets.</summary>
    public void GrantRead(string vault, string clientId) => _vaults[vault].Readers[clientId] = true;

    /// <summary>Adds a new current version of a secret and returns its version id.</summary>
    public string SetSecret(string vault, string name, string value, bool enabled = true)
    {
        var version = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var versions = _vaults[vault].Secrets.GetOrAdd(name, _ => []);
        lock (versions)
        {
            versions.Add(new SecretVersion(version, value, enabled, DateTimeOffset.UtcNow));
        }
        return version;
    }

    /// <summary>
    /// A client that resolves <c>*.vault.azure.net</c> to this emulator (an unknown vault does not
    /// resolve, as in DNS) and trusts only this emulator's authority; certificate and host name
    /// checks stay on. Other hosts are reached as usual.
    /// </summary>
    public HttpClient CreateHttpClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = ConnectAsync,
        SslOptions = new SslClientAuthenticationOptions
        {
            CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                CustomTrustStore = { Certificates.Authority },
                RevocationMode = X509RevocationMode.NoCheck,
            },
        },
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        EndPoint target = context.DnsEndPoint;
        if (host.EndsWith("." + DnsSuffix, StringComparison.OrdinalIgnoreCase))
        {
            if (!_vaults.ContainsKey(host[..^(DnsSuffix.Length + 1)]))
            {
                throw new SocketException((int)SocketError.HostNotFound);
            }
            target = new IPEndPoint(IPAddress.Loopback, _port);
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<IResult> GetSecretAsync(HttpContext context)
    {
        var name = (string)context.Request.RouteValues["name"]!;
        var version = context.Request.RouteValues.TryGetValue("version", out var v) ? (string?)v : null;
        var host = context.Request.Host.Host;
        if (!host.EndsWith("." + DnsSuffix, StringComparison.OrdinalIgnoreCase) || !_vaults.TryGetValue(host[..^(DnsSuffix.Length + 1)], out var vault))
        {
            return Error(404, "NotFound", $"The vault '{host}' was not found.");
        }
        if (!context.Request.Query.TryGetValue("api-version", out var apiVersion) || !System.Text.RegularExpressions.Regex.IsMatch(apiVersion.ToString(), @"^(7\.[0-9]+|[0-9]{4}-[0-9]{2}-[0-9]{2})(-preview)?$"))
        {
            return Error(400, "BadParameter", "The request URI contains an invalid or missing 'api-version' parameter.");
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _challenges);
            return Challenge(context, vault, "AKV10000: Request is missing a Bearer or PoP token.");
        }
        var grant = _tokens.Find(authorization["Bearer ".Length..]);
        if (grant is null)
        {
            return Challenge(context, vault, "AKV10013: Token is expired or not valid.");
        }
        if (grant.Resource != Resource)
        {
            return Challenge(context, vault, $"AKV10022: Invalid audience. Expected {Resource}, found: {grant.Resource}.");
        }
        if (!string.Equals(grant.Tenant, vault.TenantId, StringComparison.OrdinalIgnoreCase))
        {
            return Challenge(context, vault, $"AKV10032: Invalid issuer. Expected one of https://sts.windows.net/{vault.TenantId}/, found: https://sts.windows.net/{grant.Tenant}/.");
        }
        if (!vault.Readers.ContainsKey(grant.Principal))
        {
            return Error(403, "Forbidden", $"Caller is not authorized to perform action on resource. Caller: appid={grant.Principal}. Action: 'Microsoft.KeyVault/vaults/secrets/getSecret/action'. Resource: '/vaults/{vault.Name}/secrets/{name}'.", "ForbiddenByRbac");
        }
        switch (await Faults.ApplyAsync(name, context.RequestAborted))
        {
            case "ThrottlingException":
                return Error(429, "Throttled", "Request was not processed because too many requests were received. Reason: VaultRequestTypeLimitReached");
            case "InternalServiceError":
                return Error(500, "InternalServerError", "The service encountered an internal error. Please try again.");
        }

        SecretVersion? found = null;
        if (vault.Secrets.TryGetValue(name, out var versions))
        {
            lock (versions)
            {
                found = version is null ? versions.LastOrDefault() : versions.FirstOrDefault(v => string.Equals(v.Version, version, StringComparison.OrdinalIgnoreCase));
            }
        }
        if (found is null)
        {
            var id = version is null ? name : $"{name}/{version}";
            return Error(404, "SecretNotFound", $"A secret with (name/id) {id} was not found in this key vault. If you recently deleted this secret you may be able to recover it using the correct recovery command. For help resolving this issue, please see https://go.microsoft.com/fwlink/?linkid=2125182");
        }
        if (!found.Enabled)
        {
            return Error(403, "Forbidden", "Operation get is not allowed on a disabled secret.", "SecretDisabled");
        }
        return Results.Json(new Dictionary<string, object>
        {
            ["value"] = found.Value,
            ["id"] = $"https://{vault.Name}.{DnsSuffix}/secrets/{name}/{found.Version}",
            ["attributes"] = new Dictionary<string, object>
            {
                ["enabled"] = true,
                ["created"] = found.Created.ToUnixTimeSeconds(),
                ["updated"] = found.Created.ToUnixTimeSeconds(),
                ["recoveryLevel"] = "Recoverable+Purgeable",
                ["recoverableDays"] = 90,
            },
            ["tags"] = new Dictionary<string, string>(),
        });
    }

    /// <summary>Key Vault's challenge: where to get a token (the vault's tenant) and for which resource.</summary>
    private static IResult Challenge(HttpContext context, Vault vault, string message)
    {
        context.Response.Headers.WWWAuthenticate = $"Bearer authorization=\"https://login.microsoftonline.com/{vault.TenantId}\", resource=\"{Resource}\"";
        return Error(401, "Unauthorized", message);
    }

    private static IResult Error(int status, string code, string message, string? inner = null)
    {
        var error = new Dictionary<string, object> { ["code"] = code, ["message"] = message };
        if (inner is not null)
        {
            error["innererror"] = new Dictionary<string, string> { ["code"] = inner };
        }
        return Results.Json(new Dictionary<string, object> { ["error"] = error }, statusCode: status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Certificates.Dispose();
    }
}
