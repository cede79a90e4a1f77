using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Coffer.Language.Values;

/// <summary>An immutable map ordered by key (ordinal), looked up by binary search.</summary>
internal sealed class PropertyMap : IReadOnlyDictionary<string, EscValue>
{
    public static readonly PropertyMap Empty = new([]);

    private readonly KeyValuePair<string, EscValue>[] _entries;

    private PropertyMap(KeyValuePair<string, EscValue>[] sorted) => _entries = sorted;

    /// <summary>Wraps entries that are already sorted by key and unique.</summary>
    public static PropertyMap FromSorted(KeyValuePair<string, EscValue>[] sorted) => new(sorted);

    public PropertyMap(IEnumerable<KeyValuePair<string, EscValue>> entries)
    {
        var byKey = new Dictionary<string, EscValue>(StringComparer.Ordinal);
        foreach (var (key, value) in entries)
        {
            byKey[key] = value;
        }
        _entries = byKey.ToArray();
        Array.Sort(_entries, (a, b) => string.CompareOrdinal(a.Key, b.Key));
    }

    public int Count => _entries.Length;

    public IEnumerable<string> Keys => _entries.Select(e => e.Key);

    public IEnumerable<EscValue> Values => _entries.Select(e => e.Value);

    public EscValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out EscValue value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _entries[i].Value : null;
        return i >= 0;
    }

    public IEnumerator<KeyValuePair<string, EscValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, EscValue>>)_entries).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int IndexOf(string key)
    {
        int lo = 0, hi = _entries.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = string.CompareOrdinal(_entries[mid].Key, key);
            if (c == 0)
            {
                return mid;
            }
            if (c < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return -1;
    }
}
