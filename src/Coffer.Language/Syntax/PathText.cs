using System.Globalization;
using System.Text;

namespace Coffer.Language.Syntax;

/// <summary>
/// Builds document paths in the canonical form diagnostics use: identifier-like keys as <c>.k</c>,
/// other keys as <c>["k"]</c>, indices as <c>[n]</c> (for example <c>values.builtins[0]["fn::open::test"]</c>).
/// </summary>
internal static class PathText
{
    public static string JoinKey(string path, string key)
    {
        if (IsIdentifier(key))
        {
            return path.Length == 0 ? key : path + "." + key;
        }
        return path + "[" + Quote(key) + "]";
    }

    public static string JoinIndex(string path, int index) =>
        path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]";

    public static bool IsIdentifier(string key)
    {
        if (key.Length == 0 || !(char.IsAsciiLetter(key[0]) || key[0] == '_'))
        {
            return false;
        }
        foreach (var c in key)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Wraps a key in double quotes, escaping <c>"</c> and <c>\</c>.</summary>
    public static string Quote(string key)
    {
        var b = new StringBuilder(key.Length + 2);
        b.Append('"');
        foreach (var c in key)
        {
            if (c is '"' or '\\')
            {
                b.Append('\\');
            }
            b.Append(c);
        }
        b.Append('"');
        return b.ToString();
    }
}
