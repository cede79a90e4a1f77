using System.Text;

namespace Coffer.Language.Values;

/// <summary>
/// Text forms of values: the string conversion used by interpolation and <c>--format string</c>,
/// and a YAML rendering.
/// </summary>
public static class ValueText
{
    /// <summary>
    /// The string form: scalars as-is (null is empty), arrays as Go-quoted elements joined by commas,
    /// objects as <c>"k"="v"</c> pairs; unknowns as <c>[unknown]</c>, secrets as <c>[secret]</c> when redacting.
    /// </summary>
    public static string ToText(EscValue value, ValueRendering rendering)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsSecret && rendering == ValueRendering.Redacted)
        {
            return ValueJson.SecretPlaceholder;
        }
        if (value.IsUnknown)
        {
            return ValueJson.UnknownPlaceholder;
        }
        return value.Kind switch
        {
            EscValueKind.Null => "",
            EscValueKind.Boolean => value.AsBoolean ? "true" : "false",
            EscValueKind.Number => value.AsNumberText,
            EscValueKind.String => value.AsString,
            EscValueKind.Array => string.Join(",", value.Items.Select(i => GoText.Quote(ToText(i, rendering)))),
            _ => string.Join(",", value.Properties.Select(p => GoText.Quote(p.Key) + "=" + GoText.Quote(ToText(p.Value, rendering)))),
        };
    }

    /// <summary>Go's <c>strconv.Quote</c>: wraps in double quotes and escapes what is not printable.</summary>
    public static string Quote(string text) => GoText.Quote(text);

    /// <summary>Renders a value as a YAML document (2-space indentation).</summary>
    public static string ToYaml(EscValue value, ValueRendering rendering)
    {
        ArgumentNullException.ThrowIfNull(value);
        var b = new StringBuilder();
        WriteYaml(b, value, rendering, 0, inSequence: false);
        if (b.Length == 0 || b[^1] != '\n')
        {
            b.Append('\n');
        }
        return b.ToString();
    }

    private static void WriteYaml(StringBuilder b, EscValue value, ValueRendering rendering, int indent, bool inSequence)
    {
        if ((value.IsSecret && rendering == ValueRendering.Redacted) || value.IsUnknown || value.Kind is not (EscValueKind.Array or EscValueKind.Object))
        {
            b.Append(YamlScalar(value, rendering)).Append('\n');
            return;
        }
        var items = value.Kind == EscValueKind.Array
            ? value.Items.Select(i => (Key: (string?)null, Value: i)).ToList()
            : value.Properties.Select(p => (Key: (string?)p.Key, Value: p.Value)).ToList();
        if (items.Count == 0)
        {
            b.Append(value.Kind == EscValueKind.Array ? "[]\n" : "{}\n");
            return;
        }
        for (var i = 0; i < items.Count; i++)
        {
            // The first entry of a nested collection continues the "- " or "key:" line it belongs to.
            if (i > 0 || !inSequence)
            {
                b.Append(' ', indent);
            }
            var (key, item) = items[i];
            b.Append(key is null ? "- " : YamlKey(key) + ":");
            var nested = item.Kind is EscValueKind.Array or EscValueKind.Object && !item.IsUnknown
                && !(item.IsSecret && rendering == ValueRendering.Redacted) && (item.Items.Count > 0 || item.Properties.Count > 0);
            if (key is null)
            {
                WriteYaml(b, item, rendering, indent + 2, inSequence: true);
            }
            else if (nested)
            {
                b.Append('\n');
                WriteYaml(b, item, rendering, indent + 2, inSequence: false);
            }
            else
            {
                b.Append(' ');
                WriteYaml(b, item, rendering, indent + 2, inSequence: false);
            }
        }
    }

    private static string YamlScalar(EscValue value, ValueRendering rendering)
    {
        if (value.IsSecret && rendering == ValueRendering.Redacted)
        {
            return "'[secret]'";
        }
        if (value.IsUnknown)
        {
            return "'[unknown]'";
        }
        return value.Kind switch
        {
            EscValueKind.Null => "null",
            EscValueKind.Boolean => value.AsBoolean ? "true" : "false",
            EscValueKind.Number => value.AsNumberText,
            EscValueKind.String => YamlString(value.AsString),
            EscValueKind.Array => "[]",
            _ => "{}",
        };
    }

    private static string YamlKey(string key) => YamlString(key);

    // Plain when the text reads back as the same string; double-quoted (JSON escapes) otherwise.
    private static string YamlString(string text)
    {
        var plainSafe = text.Length > 0
            && Syntax.ScalarResolver.ResolvePlain(text).Kind == Syntax.ScalarKind.String
            && text.Trim() == text
            && text.IndexOfAny(['\n', '\r', '\t', '#', ':', '"', '\'', '\\']) < 0
            && "-?[]{},&*!|>%@`".IndexOf(text[0], StringComparison.Ordinal) < 0
            && text.All(c => !char.IsControl(c));
        // Go-quoted text is a valid YAML double-quoted scalar (the escapes are the same).
        return plainSafe ? text : GoText.Quote(text);
    }
}
