using System.Collections.Concurrent;
using Coffer.Server.Storage;

namespace Coffer.Server.Environments;

/// <summary>
/// Keeps the latest revisions of environments that are opened or imported, so evaluating them does
/// not read the same definition from the database every time. Only ever consulted for the revision
/// number the environment's freshly read record names as its latest: a revision's definition never
/// changes, and the latest revision cannot be retracted, so an entry is never stale — another
/// replica's write makes a new latest number, which misses here and is read from the database.
/// Bounded by the size of the definitions kept; when full it starts over.
/// </summary>
public sealed class LatestRevisionCache(long maxChars = LatestRevisionCache.DefaultMaxChars)
{
    public const long DefaultMaxChars = 4 * 1024 * 1024;

    private readonly ConcurrentDictionary<(string EnvironmentId, int Number), RevisionRecord> _entries = new();
    private long _chars;

    /// <summary>The environment's latest revision if it is cached; <paramref name="number"/> says which revision is wanted.</summary>
    public RevisionRecord? Find(EnvironmentRecord environment, int number) =>
        number == environment.LatestRevision && _entries.TryGetValue((environment.Id, number), out var revision) ? revision : null;

    /// <summary>Remembers <paramref name="revision"/> if it is the environment's latest (and so cannot be retracted).</summary>
    public void Remember(EnvironmentRecord environment, RevisionRecord revision)
    {
        if (revision.EnvironmentId != environment.Id || revision.Number != environment.LatestRevision || revision.Retracted is not null
            || revision.Definition.Length > maxChars)
        {
            return;
        }
        if (Interlocked.Add(ref _chars, revision.Definition.Length) > maxChars)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _chars, revision.Definition.Length);
        }
        _entries[(environment.Id, revision.Number)] = revision;
    }
}
