using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Coffer.Emulators;

/// <summary>The KV secrets engines: version 1 (<c>/v1/&lt;mount&gt;/&lt;path&gt;</c>) and version 2 (<c>/v1/&lt;mount&gt;/data/&lt;path&gt;</c>).</summary>
public sealed partial class VaultEmulator
{
    /// <summary>Mounts a KV secrets engine of version 1 or 2 at <paramref name="mount"/>.</summary>
    public void EnableKv(string mount, int version, string ns = "") => Namespace(ns).KvMounts[mount.Trim('/')] = new KvMount(version);

    /// <summary>Writes a secret; on a KV v2 mount, as a new version. Returns the version written (1 on KV v1).</summary>
    public int PutSecret(string mount, string path, IReadOnlyDictionary<string, object> data, string ns = "")
    {
        var kv = Namespace(ns).KvMounts[mount.Trim('/')];
        var versions = kv.Secrets.GetOrAdd(path.Trim('/'), _ => []);
        lock (versions)
        {
            if (kv.Version == 1)
            {
                versions.Clear();
            }
            versions.Add(new KvVersion(new Dictionary<string, object>(data), DateTimeOffset.UtcNow));
            return versions.Count;
        }
    }

    private IResult ReadKv(VaultNamespace space, string path, string versionText)
    {
        var (mountName, kv) = space.KvMounts
            .Where(m => path == m.Key || path.StartsWith(m.Key + "/", StringComparison.Ordinal))
            .OrderByDescending(m => m.Key.Length)
            .Select(m => (m.Key, m.Value))
            .FirstOrDefault();
        if (kv is null)
        {
            return Errors(404, $"no handler for route \"{path}\". route entry not found.");
        }
        var rest = path.Length == mountName.Length ? "" : path[(mountName.Length + 1)..];
        if (kv.Version == 1)
        {
            return kv.Secrets.TryGetValue(rest, out var stored) && Latest(stored) is { } secret
                ? Success(secret.Data, leaseDuration: 2764800)
                : Errors(404);
        }
        if (!rest.StartsWith("data/", StringComparison.Ordinal))
        {
            return Results.Json(
                new Dictionary<string, object?>
                {
                    ["errors"] = Array.Empty<string>(),
                    ["warnings"] = new[] { "Invalid path for a versioned K/V secrets engine. See the API docs for the appropriate API endpoints to use. If using the Vault CLI, use 'vault kv get' for this operation." },
                },
                statusCode: 404);
        }
        if (!kv.Secrets.TryGetValue(rest["data/".Length..], out var versions))
        {
            return Errors(404);
        }
        KvVersion? chosen;
        int number;
        lock (versions)
        {
            number = versionText.Length == 0 || versionText == "0" ? versions.Count : int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;
            if (number < 1 && versionText.Length != 0)
            {
                return Errors(400, "error parsing version: invalid syntax");
            }
            chosen = number >= 1 && number <= versions.Count ? versions[number - 1] : null;
        }
        if (chosen is null)
        {
            return Errors(404);
        }
        return Success(new Dictionary<string, object?>
        {
            ["data"] = chosen.Data,
            ["metadata"] = new Dictionary<string, object?>
            {
                ["created_time"] = chosen.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
                ["custom_metadata"] = null,
                ["deletion_time"] = "",
                ["destroyed"] = false,
                ["version"] = number,
            },
        });
    }

    private static KvVersion? Latest(List<KvVersion> versions)
    {
        lock (versions)
        {
            return versions.Count == 0 ? null : versions[^1];
        }
    }

    private sealed record KvMount(int Version)
    {
        public ConcurrentDictionary<string, List<KvVersion>> Secrets { get; } = new(StringComparer.Ordinal);
    }

    private sealed record KvVersion(Dictionary<string, object> Data, DateTimeOffset Created);
}
