using System.Globalization;

namespace Coffer.Language.Syntax;

/// <summary>
/// Canonical number text. ESC keeps every number as text: integers in base 10 and floats in the
/// shortest round-trip form with Go's <c>%g</c> rules (<c>3.140</c> → <c>3.14</c>,
/// <c>1000000.0</c> → <c>1e+06</c>). That text is what interpolation prints and what schema
/// <c>const</c> compares.
/// </summary>
internal static class NumberText
{
    public static string FromInteger(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string FromInteger(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    public static string FromDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }
        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }
        if (value == 0)
        {
            return double.IsNegative(value) ? "-0" : "0";
        }

        var (digits, dp) = ShortestDigits(Math.Abs(value));
        var sign = value < 0 ? "-" : "";
        var exp = dp - 1;
        if (exp < -4 || exp >= 6)
        {
            var mantissa = digits.Length > 1 ? digits[..1] + "." + digits[1..] : digits;
            var expSign = exp < 0 ? "-" : "+";
            var expDigits = Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
            return $"{sign}{mantissa}e{expSign}{expDigits}";
        }
        if (dp <= 0)
        {
            return $"{sign}0.{new string('0', -dp)}{digits}";
        }
        if (dp >= digits.Length)
        {
            return sign + digits + new string('0', dp - digits.Length);
        }
        return $"{sign}{digits[..dp]}.{digits[dp..]}";
    }

    /// <summary>The shortest round-trip decimal digits of a positive finite double and the position of the decimal point.</summary>
    private static (string Digits, int DecimalPoint) ShortestDigits(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var digits = point >= 0 ? text.Remove(point, 1) : text;
        var dp = (point >= 0 ? point : text.Length) + exponent;
        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
        }
        digits = digits[lead..];
        dp -= lead;
        digits = digits.TrimEnd('0');
        return (digits.Length == 0 ? "0" : digits, dp);
    }
}
