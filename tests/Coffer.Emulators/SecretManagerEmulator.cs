using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Coffer.Emulators;

/// <summary>
/// Google Secret Manager's <c>projects/*/secrets/*/versions/*:access</c>. The caller's access token
/// must be live and its principal hold <c>secretmanager.secretAccessor</c> on the secret; versions
/// are numbered from 1, <c>latest</c> is the newest enabled one, and disabled or destroyed versions
/// are refused as Google refuses them. Payloads carry their CRC-32C.
/// </summary>
public sealed class SecretManagerEmulator : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Secret> _secrets = new(StringComparer.Ordinal);
    private readonly LoopbackServer _server;
    private readonly AccessTokenStore _tokens;

    private SecretManagerEmulator(LoopbackServer server, AccessTokenStore tokens)
    {
        _server = server;
        _tokens = tokens;
    }

    public enum VersionState
    {
        Enabled,
        Disabled,
        Destroyed,
    }

    private sealed record Secret(List<(byte[] Data, VersionState State)> Versions, ConcurrentDictionary<string, bool> Accessors)
    {
        public bool CorruptChecksum { get; set; }
    }

    public Uri Endpoint => _server.BaseAddress;

    /// <summary>Faults keyed by <c>&lt;project&gt;/&lt;secret&gt;</c>.</summary>
    public ServiceFaults Faults { get; } = new();

    public static async Task<SecretManagerEmulator> StartAsync(AccessTokenStore tokens)
    {
        SecretManagerEmulator? emulator = null;
        var server = await LoopbackServer.StartAsync(app => app.MapGet("/v1/projects/{project}/secrets/{secret}/versions/{version}", (Delegate)((HttpContext context) => emulator!.AccessAsync(context))));
        emulator = new SecretManagerEmulator(server, tokens);
        return emulator;
    }

    /// <summary>Adds a version (numbered from 1) and returns its number.</summary>
    public int AddVersion(long project, string secret, byte[] data, VersionState state = VersionState.Enabled)
    {
        var stored = _secrets.GetOrAdd(Key(project, secret), _ => new Secret([], new(StringComparer.Ordinal)));
        lock (stored.Versions)
        {
            stored.Versions.Add((data, state));
            return stored.Versions.Count;
        }
    }

    public int AddVersion(long project, string secret, string text) => AddVersion(project, secret, Encoding.UTF8.GetBytes(text));

    /// <summary>Grants <c>roles/secretmanager.secretAccessor</c> on the secret to a principal (<c>serviceAccount:…</c>).</summary>
    public void GrantAccess(long project, string secret, string principal) => _secrets[Key(project, secret)].Accessors[principal] = true;

    /// <summary>Makes answers for the secret carry a wrong checksum, as a payload corrupted in transit.</summary>
    public void CorruptChecksum(long project, string secret) => _secrets[Key(project, secret)].CorruptChecksum = true;

    private static string Key(long project, string secret) => $"{project}/{secret}";

    private async Task<IResult> AccessAsync(HttpContext context)
    {
        var project = (string)context.Request.RouteValues["project"]!;
        var secretName = (string)context.Request.RouteValues["secret"]!;
        var versionSegment = (string)context.Request.RouteValues["version"]!;
        if (!versionSegment.EndsWith(":access", StringComparison.Ordinal))
        {
            return GoogleErrors.Rest(404, "NOT_FOUND", "Method not found.");
        }
        var version = versionSegment[..^":access".Length];
        var resource = $"projects/{project}/secrets/{secretName}/versions/{version}";
        var caller = _tokens.Find(GoogleErrors.Bearer(context));
        if (caller is null)
        {
            return GoogleErrors.Unauthenticated();
        }
        // Without access the caller cannot tell a missing secret from a forbidden one.
        if (!_secrets.TryGetValue($"{project}/{secretName}", out var secret) || !secret.Accessors.ContainsKey(caller.Principal))
        {
            return GoogleErrors.Rest(403, "PERMISSION_DENIED", $"Permission 'secretmanager.versions.access' denied for resource '{resource}' (or it may not exist).");
        }
        switch (await Faults.ApplyAsync($"{project}/{secretName}", context.RequestAborted))
        {
            case "ThrottlingException":
                return GoogleErrors.Rest(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Access requests' and limit 'Access requests per minute per project'.");
            case "InternalServiceError":
                return GoogleErrors.Rest(503, "UNAVAILABLE", "The service is currently unavailable.");
        }

        (byte[] Data, VersionState State) found;
        int number;
        lock (secret.Versions)
        {
            if (version == "latest")
            {
                number = secret.Versions.FindLastIndex(v => v.State == VersionState.Enabled) + 1;
                if (number == 0)
                {
                    return GoogleErrors.Rest(404, "NOT_FOUND", $"Secret [projects/{project}/secrets/{secretName}] not found or has no versions.");
                }
            }
            else if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number < 1)
            {
                return GoogleErrors.Rest(400, "INVALID_ARGUMENT", $"Invalid resource field value in the request: version '{version}'.");
            }
            if (number > secret.Versions.Count)
            {
                return GoogleErrors.Rest(404, "NOT_FOUND", $"Secret Version [{resource}] not found.");
            }
            found = secret.Versions[number - 1];
        }
        if (found.State != VersionState.Enabled)
        {
            return GoogleErrors.Rest(400, "FAILED_PRECONDITION", $"Secret Version [projects/{project}/secrets/{secretName}/versions/{number}] is in {found.State.ToString().ToUpperInvariant()} state.");
        }
        var checksum = Crc32C(found.Data) ^ (secret.CorruptChecksum ? 1u : 0u);
        return Results.Json(new Dictionary<string, object>
        {
            ["name"] = $"projects/{project}/secrets/{secretName}/versions/{number}",
            ["payload"] = new Dictionary<string, object>
            {
                ["data"] = Convert.ToBase64String(found.Data),
                ["dataCrc32c"] = checksum.ToString(CultureInfo.InvariantCulture),
            },
        });
    }

    private static uint Crc32C(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
            }
        }
        return ~crc;
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
