namespace Coffer.Emulators;

/// <summary>
/// A Vault ACL policy: path rules with capabilities. A rule's path is exact, ends with <c>*</c>
/// (a prefix), or holds <c>+</c> for one whole segment. As in Vault, <c>deny</c> wins over every
/// grant and the <c>root</c> policy allows everything.
/// </summary>
public sealed class VaultPolicy(IReadOnlyDictionary<string, string[]> rules)
{
    public const string Root = "root";

    public IReadOnlyDictionary<string, string[]> Rules { get; } = rules;

    /// <summary>Whether any of <paramref name="policies"/> grants one of <paramref name="capabilities"/> on <paramref name="path"/> and none denies it.</summary>
    public static bool Allows(IEnumerable<VaultPolicy> policies, string path, params string[] capabilities)
    {
        var granted = false;
        foreach (var policy in policies)
        {
            foreach (var (pattern, caps) in policy.Rules)
            {
                if (!Matches(pattern, path))
                {
                    continue;
                }
                if (caps.Contains("deny"))
                {
                    return false;
                }
                granted |= caps.Any(capabilities.Contains);
            }
        }
        return granted;
    }

    private static bool Matches(string pattern, string path)
    {
        var prefix = pattern.EndsWith('*');
        var patternSegments = (prefix ? pattern[..^1] : pattern).Split('/');
        var pathSegments = path.Split('/');
        if (!prefix && patternSegments.Length != pathSegments.Length)
        {
            return false;
        }
        if (prefix && pathSegments.Length < patternSegments.Length)
        {
            return false;
        }
        for (var i = 0; i < patternSegments.Length; i++)
        {
            var last = i == patternSegments.Length - 1;
            if (patternSegments[i] == "+")
            {
                continue;
            }
            var matches = prefix && last
                ? pathSegments[i].StartsWith(patternSegments[i], StringComparison.Ordinal)
                : pathSegments[i] == patternSegments[i];
            if (!matches)
            {
                return false;
            }
        }
        return true;
    }
}
