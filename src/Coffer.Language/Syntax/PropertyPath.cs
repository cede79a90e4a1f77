using System.Globalization;
using System.Text;

namespace Coffer.Language.Syntax;

/// <summary>
/// A property path such as <c>a.b[0]["key with . or \" quotes"]</c>: the syntax used to select a value
/// (<c>coffer eval --path</c>, the API's <c>?property=</c>) and to name <c>fn::rotate</c> call sites.
/// </summary>
public sealed class PropertyPath
{
    private PropertyPath(IReadOnlyList<object> segments) => Segments = segments;

    /// <summary>The path's segments: <see cref="string"/> keys and <see cref="int"/> indices.</summary>
    public IReadOnlyList<object> Segments { get; }

    /// <summary>Parses a property path; returns false with a message when the text is not one.</summary>
    public static bool TryParse(string text, out PropertyPath path, out string error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var segments = new List<object>();
        path = new PropertyPath(segments);
        error = "";
        var i = 0;
        var expectName = true;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '[')
            {
                if (i + 1 < text.Length && text[i + 1] == '"')
                {
                    var key = new StringBuilder();
                    var j = i + 2;
                    while (j < text.Length && text[j] != '"')
                    {
                        if (text[j] == '\\' && j + 1 < text.Length && text[j + 1] is '"' or '\\')
                        {
                            j++;
                        }
                        key.Append(text[j]);
                        j++;
                    }
                    if (j + 1 >= text.Length || text[j + 1] != ']')
                    {
                        error = $"missing closing quote or bracket in property path \"{text}\"";
                        return false;
                    }
                    segments.Add(key.ToString());
                    i = j + 2;
                }
                else
                {
                    var close = text.IndexOf(']', i);
                    if (close < 0 || !int.TryParse(text.AsSpan(i + 1, close - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
                    {
                        error = $"invalid index in property path \"{text}\"";
                        return false;
                    }
                    segments.Add(index);
                    i = close + 1;
                }
                expectName = false;
            }
            else if (c == '.')
            {
                if (expectName)
                {
                    error = $"empty property name in property path \"{text}\"";
                    return false;
                }
                expectName = true;
                i++;
            }
            else
            {
                if (!expectName)
                {
                    error = $"expected '.' or '[' at offset {i} of property path \"{text}\"";
                    return false;
                }
                var j = i;
                while (j < text.Length && text[j] != '.' && text[j] != '[')
                {
                    j++;
                }
                segments.Add(text[i..j]);
                i = j;
                expectName = false;
            }
        }
        if (segments.Count == 0 || expectName)
        {
            error = $"property path \"{text}\" is empty or ends with '.'";
            return false;
        }
        return true;
    }

    /// <summary>Parses a property path or throws <see cref="FormatException"/>.</summary>
    public static PropertyPath Parse(string text) =>
        TryParse(text, out var path, out var error) ? path : throw new FormatException(error);

    /// <summary>The canonical text of the path (<c>a.b[0]["x-y"]</c>).</summary>
    public override string ToString()
    {
        var path = "";
        foreach (var segment in Segments)
        {
            path = segment is int index ? PathText.JoinIndex(path, index) : PathText.JoinKey(path, (string)segment);
        }
        return path;
    }
}
