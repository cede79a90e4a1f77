using System.Collections.Concurrent;
using Coffer.Server.Storage;

namespace Coffer.Server.Auth;

/// <summary>
/// Remembers the permission a token was found to have on an environment, with the organization's
/// access version it was decided at. A decision is used again only while the version read with the
/// environment is unchanged: every change that could alter it (roles, teams, team members, grants,
/// the default permission) moves the version forward in its own transaction, on whichever replica
/// made it, so a cached decision is never staler than a fresh one. What else a decision depends on
/// — which user, team or organization a token acts as, and an environment's organization, project
/// and name — never changes for a token id and an environment id.
/// </summary>
/// <remarks>Bounded: when full it starts over, like the other caches of the server.</remarks>
public sealed class PermissionCache(int maxEntries = PermissionCache.DefaultMaxEntries)
{
    public const int DefaultMaxEntries = 100_000;

    private readonly ConcurrentDictionary<(string TokenId, string EnvironmentId), (long AccessVersion, Permission Permission)> _entries = new();

    public bool TryGet(AccessToken token, EnvironmentUnderAccess environment, out Permission permission)
    {
        if (_entries.TryGetValue((token.Id, environment.Environment.Id), out var entry) && entry.AccessVersion == environment.AccessVersion)
        {
            permission = entry.Permission;
            return true;
        }
        permission = Permission.None;
        return false;
    }

    /// <summary>
    /// Keeps a decision made after reading <paramref name="environment"/>. The policy read the
    /// grants after the version, so it saw at least that version's state; a later change moves the
    /// version and misses here.
    /// </summary>
    public void Remember(AccessToken token, EnvironmentUnderAccess environment, Permission permission)
    {
        if (_entries.Count >= maxEntries)
        {
            _entries.Clear();
        }
        _entries[(token.Id, environment.Environment.Id)] = (environment.AccessVersion, permission);
    }
}
