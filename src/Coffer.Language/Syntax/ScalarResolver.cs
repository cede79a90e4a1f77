using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Coffer.Language.Syntax;

/// <summary>The kind a YAML scalar resolves to.</summary>
internal enum ScalarKind
{
    Null,
    Boolean,
    Number,
    String,
}

/// <summary>
/// Resolves YAML scalars the way the reference evaluator's YAML library does: YAML 1.2 core names
/// for null and booleans (<c>yes</c>/<c>on</c> stay strings), Go integer syntax with <c>_</c>
/// separators and <c>0x</c>/<c>0o</c>/<c>0b</c>/leading-zero octal, and floats in decimal or
/// exponent form. Timestamps stay strings.
/// </summary>
internal static partial class ScalarResolver
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    public readonly record struct Resolved(ScalarKind Kind, bool Boolean = false, string Text = "");

    /// <summary>Resolves a plain, untagged scalar.</summary>
    public static Resolved ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return new(ScalarKind.Null);
            case "true" or "True" or "TRUE":
                return new(ScalarKind.Boolean, true);
            case "false" or "False" or "FALSE":
                return new(ScalarKind.Boolean, false);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return Number(NumberText.FromDouble(double.PositiveInfinity));
            case "-.inf" or "-.Inf" or "-.INF":
                return Number(NumberText.FromDouble(double.NegativeInfinity));
            case ".nan" or ".NaN" or ".NAN":
                return Number(NumberText.FromDouble(double.NaN));
        }

        var first = text[0];
        if (first == '.')
        {
            return DotFloat().IsMatch(text) && TryParseFloat(text, out var f) ? Number(f) : Str(text);
        }
        if (first is '+' or '-' || char.IsAsciiDigit(first))
        {
            var plain = text.Replace("_", "", StringComparison.Ordinal);
            if (TryParseGoInteger(plain, out var integer))
            {
                return Number(integer.ToString(CultureInfo.InvariantCulture));
            }
            if (YamlFloat().IsMatch(plain) && TryParseFloat(plain, out var number))
            {
                return Number(number);
            }
        }
        return Str(text);
    }

    /// <summary>
    /// Resolves a scalar with an explicit standard tag (<c>!!int</c>, <c>!!bool</c>, ...). The text must
    /// fit the tag; otherwise <paramref name="error"/> says why. Unrecognised tags read the scalar as a string.
    /// </summary>
    public static Resolved ResolveTagged(string tag, string text, out string? error)
    {
        error = null;
        if (!tag.StartsWith(TagPrefix, StringComparison.Ordinal))
        {
            return Str(text);
        }
        var name = tag[TagPrefix.Length..];
        if (name is not ("null" or "bool" or "int" or "float"))
        {
            return Str(text);
        }
        var resolved = text.Length == 0 ? new Resolved(ScalarKind.Null) : ResolvePlain(text);
        var fits = name switch
        {
            "null" => resolved.Kind == ScalarKind.Null,
            "bool" => resolved.Kind == ScalarKind.Boolean,
            "int" => resolved.Kind == ScalarKind.Number && resolved.Text.AsSpan().IndexOfAny('.', 'e', 'I') < 0 && resolved.Text != "NaN",
            _ => resolved.Kind == ScalarKind.Number,
        };
        if (!fits)
        {
            error = $"cannot decode !!str `{text}` as a !!{name}";
            return Str(text);
        }
        return resolved;
    }

    private static Resolved Number(string text) => new(ScalarKind.Number, Text: text);

    private static Resolved Number(double value) => Number(NumberText.FromDouble(value));

    private static Resolved Str(string text) => new(ScalarKind.String, Text: text);

    private static bool TryParseFloat(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Go's <c>strconv.ParseInt(s, 0, 64)</c>, falling back to <c>ParseUint</c>.</summary>
    private static bool TryParseGoInteger(string text, out BigInteger value)
    {
        value = default;
        var s = text.AsSpan();
        var negative = false;
        var signed = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            negative = s[0] == '-';
            signed = true;
            s = s[1..];
        }
        var radix = 10;
        if (s.Length > 1 && s[0] == '0')
        {
            switch (s[1])
            {
                case 'x' or 'X':
                    radix = 16;
                    s = s[2..];
                    break;
                case 'o' or 'O':
                    radix = 8;
                    s = s[2..];
                    break;
                case 'b' or 'B':
                    radix = 2;
                    s = s[2..];
                    break;
                default:
                    radix = 8;
                    s = s[1..];
                    break;
            }
        }
        if (s.IsEmpty)
        {
            return false;
        }
        BigInteger result = 0;
        foreach (var c in s)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return false;
            }
            result = (result * radix) + digit;
        }
        if (negative)
        {
            result = -result;
        }
        var fitsSigned = result >= long.MinValue && result <= long.MaxValue;
        var fitsUnsigned = !signed && result >= 0 && result <= ulong.MaxValue;
        if (!fitsSigned && !fitsUnsigned)
        {
            return false;
        }
        value = result;
        return true;
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlFloat();

    [GeneratedRegex(@"^\.[0-9]+([eE][-+]?[0-9]+)?$")]
    private static partial Regex DotFloat();
}
