using System.Globalization;
using System.Numerics;

namespace Coffer.Language.Schemas;

/// <summary>An exact decimal (unscaled × 10^exponent) for schema bounds: no binary rounding.</summary>
internal readonly record struct DecimalNumber(BigInteger Unscaled, int Exponent) : IComparable<DecimalNumber>
{
    public static bool TryParse(string text, out DecimalNumber number)
    {
        number = default;
        var s = text.AsSpan().Trim();
        var exponent = 0;
        var e = s.IndexOfAny('e', 'E');
        if (e >= 0)
        {
            if (!int.TryParse(s[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                return false;
            }
            s = s[..e];
        }
        var negative = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            negative = s[0] == '-';
            s = s[1..];
        }
        var point = s.IndexOf('.');
        string digits;
        if (point >= 0)
        {
            digits = string.Concat(s[..point], s[(point + 1)..]);
            exponent -= s.Length - point - 1;
        }
        else
        {
            digits = s.ToString();
        }
        // Exponents are bounded so that aligning two numbers stays cheap.
        if (digits.Length == 0 || digits.Length > 4000 || Math.Abs(exponent) > 4000 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }
        var unscaled = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        number = new DecimalNumber(negative ? -unscaled : unscaled, exponent);
        return true;
    }

    public int CompareTo(DecimalNumber other)
    {
        var (a, b) = Align(this, other);
        return a.CompareTo(b);
    }

    /// <summary>True when this divided by <paramref name="divisor"/> is an integer.</summary>
    public bool IsMultipleOf(DecimalNumber divisor)
    {
        if (divisor.Unscaled.IsZero)
        {
            return false;
        }
        var (a, b) = Align(this, divisor);
        return (a % b).IsZero;
    }

    private static (BigInteger, BigInteger) Align(DecimalNumber x, DecimalNumber y)
    {
        var exponent = Math.Min(x.Exponent, y.Exponent);
        return (x.Unscaled * BigInteger.Pow(10, x.Exponent - exponent), y.Unscaled * BigInteger.Pow(10, y.Exponent - exponent));
    }
}
