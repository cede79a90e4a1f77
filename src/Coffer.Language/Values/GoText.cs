using System.Globalization;
using System.Text;

namespace Coffer.Language.Values;

/// <summary>Text conventions of the reference evaluator: Go string quoting and Go's JSON encoding.</summary>
internal static class GoText
{
    private const string Hex = "0123456789abcdef";

    /// <summary>Go's <c>strconv.Quote</c>: printable characters kept, others escaped.</summary>
    public static string Quote(string s)
    {
        var b = new StringBuilder(s.Length + 2);
        AppendQuoted(b, s);
        return b.ToString();
    }

    public static void AppendQuoted(StringBuilder b, string s)
    {
        b.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"':
                    b.Append("\\\"");
                    continue;
                case '\\':
                    b.Append("\\\\");
                    continue;
                case '\a':
                    b.Append("\\a");
                    continue;
                case '\b':
                    b.Append("\\b");
                    continue;
                case '\f':
                    b.Append("\\f");
                    continue;
                case '\n':
                    b.Append("\\n");
                    continue;
                case '\r':
                    b.Append("\\r");
                    continue;
                case '\t':
                    b.Append("\\t");
                    continue;
                case '\v':
                    b.Append("\\v");
                    continue;
            }
            int codePoint = c;
            var width = 1;
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, s[i + 1]);
                width = 2;
            }
            if (IsPrintable(codePoint))
            {
                b.Append(s, i, width);
            }
            else if (codePoint < 0x80)
            {
                b.Append("\\x").Append(Hex[codePoint >> 4]).Append(Hex[codePoint & 0xf]);
            }
            else if (codePoint <= 0xffff)
            {
                b.Append("\\u").Append(codePoint.ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                b.Append("\\U").Append(codePoint.ToString("x8", CultureInfo.InvariantCulture));
            }
            i += width - 1;
        }
        b.Append('"');
    }

    private static bool IsPrintable(int codePoint)
    {
        if (codePoint == ' ')
        {
            return true;
        }
        if (codePoint is >= 0xd800 and <= 0xdfff)
        {
            return false;
        }
        return CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
    }

    /// <summary>
    /// Go's <c>json.Marshal</c> of a revealed value: compact, object keys sorted, numbers as their
    /// text, <c>&lt; &gt; &amp;</c> and U+2028/U+2029 escaped. Returns false when the text would be longer
    /// than <paramref name="maxLength"/> or holds a number JSON cannot represent.
    /// </summary>
    public static bool TryEncodeJson(EscValue value, int maxLength, out string json, out string? error)
    {
        var b = new StringBuilder();
        error = null;
        var ok = EncodeJson(b, value, maxLength, ref error);
        json = ok ? b.ToString() : "";
        return ok;
    }

    private static bool EncodeJson(StringBuilder b, EscValue value, int maxLength, ref string? error)
    {
        if (b.Length > maxLength)
        {
            error = $"the JSON text is longer than the limit of {maxLength} characters";
            return false;
        }
        switch (value.Kind)
        {
            case EscValueKind.Null:
                b.Append("null");
                return true;
            case EscValueKind.Boolean:
                b.Append(value.AsBoolean ? "true" : "false");
                return true;
            case EscValueKind.Number:
                if (!ValueJson.IsJsonNumber(value.AsNumberText))
                {
                    error = $"json: invalid number literal {Quote(value.AsNumberText)}";
                    return false;
                }
                b.Append(value.AsNumberText);
                return true;
            case EscValueKind.String:
                AppendJsonString(b, value.AsString);
                return true;
            case EscValueKind.Array:
                b.Append('[');
                for (var i = 0; i < value.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        b.Append(',');
                    }
                    if (!EncodeJson(b, value.Items[i], maxLength, ref error))
                    {
                        return false;
                    }
                }
                b.Append(']');
                return true;
            default:
                b.Append('{');
                var first = true;
                foreach (var (key, item) in value.Properties.OrderBy(p => Encoding.UTF8.GetBytes(p.Key), ByteOrder.Instance))
                {
                    if (!first)
                    {
                        b.Append(',');
                    }
                    first = false;
                    AppendJsonString(b, key);
                    b.Append(':');
                    if (!EncodeJson(b, item, maxLength, ref error))
                    {
                        return false;
                    }
                }
                b.Append('}');
                return true;
        }
    }

    private static void AppendJsonString(StringBuilder b, string s)
    {
        b.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"':
                    b.Append("\\\"");
                    break;
                case '\\':
                    b.Append("\\\\");
                    break;
                case '\b':
                    b.Append("\\b");
                    break;
                case '\f':
                    b.Append("\\f");
                    break;
                case '\n':
                    b.Append("\\n");
                    break;
                case '\r':
                    b.Append("\\r");
                    break;
                case '\t':
                    b.Append("\\t");
                    break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20)
                    {
                        b.Append("\\u00").Append(Hex[c >> 4]).Append(Hex[c & 0xf]);
                    }
                    else
                    {
                        b.Append(c);
                    }
                    break;
            }
        }
        b.Append('"');
    }

    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
