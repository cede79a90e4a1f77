using System.Collections.Concurrent;
using System.Security.Cryptography;
using Coffer.Language.Declarations;

namespace Coffer.Language;

/// <summary>
/// Keeps parsed definitions so that evaluating the same environments again does not parse them again.
/// Entries are keyed by environment name and a hash of the definition's bytes, so a changed
/// definition is parsed afresh. Parsed definitions are immutable and safe to share between
/// evaluations and threads. Share one cache between evaluators (a server keeps one for its lifetime).
/// </summary>
public sealed class DefinitionCache(int capacity = 4096)
{
    private readonly ConcurrentDictionary<(string Name, string Hash), EnvironmentDefinition> _entries = new();

    /// <summary>How many definitions are cached.</summary>
    public int Count => _entries.Count;

    /// <summary>The parsed definition of <paramref name="yaml"/> named <paramref name="name"/>, parsing it on a miss.</summary>
    public EnvironmentDefinition GetOrParse(string name, ReadOnlySpan<byte> yaml, EvaluationLimits limits)
    {
        if (yaml.Length > limits.MaxDocumentBytes)
        {
            return EnvironmentDefinition.Parse(name, yaml, limits);
        }
        var key = (name, Convert.ToBase64String(SHA256.HashData(yaml)));
        if (_entries.TryGetValue(key, out var cached) && cached.ParsedWith(limits))
        {
            return cached;
        }
        var definition = EnvironmentDefinition.Parse(name, yaml, limits);
        if (_entries.Count >= capacity)
        {
            // A crude bound on memory: start over rather than track recency.
            _entries.Clear();
        }
        _entries[key] = definition;
        return definition;
    }
}
