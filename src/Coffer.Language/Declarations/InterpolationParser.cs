using System.Globalization;
using System.Text;
using Coffer.Language.Diagnostics;
using Coffer.Language.Syntax;

namespace Coffer.Language.Declarations;

/// <summary>
/// Parses the <c>${...}</c> interpolations of a string. <c>$$</c> is an escaped <c>$</c>. A
/// malformed access is reported and still produces accessors (so later phases can report what it
/// refers to), exactly as the reference parser recovers.
/// </summary>
internal static class InterpolationParser
{
    public static IReadOnlyList<Interpolation> Parse(StringNode node, List<Diagnostic> diagnostics)
    {
        var value = node.Value;
        var parts = new List<Interpolation>();
        var text = new StringBuilder();
        var i = 0;
        while (i < value.Length)
        {
            if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '$')
            {
                text.Append('$');
                i += 2;
            }
            else if (value[i] == '$' && i + 1 < value.Length && value[i + 1] == '{')
            {
                var parser = new AccessParser(node, value, i + 2, diagnostics);
                var access = parser.Parse();
                parts.Add(new Interpolation(text.ToString(), access));
                text.Clear();
                i = parser.Offset;
            }
            else
            {
                text.Append(value[i]);
                i++;
            }
        }
        if (text.Length > 0)
        {
            parts.Add(new Interpolation(text.ToString(), null));
        }
        return parts;
    }

    private sealed class AccessParser(StringNode node, string text, int offset, List<Diagnostic> diagnostics)
    {
        private readonly List<PropertyAccessor> _accessors = [];

        public int Offset { get; private set; } = offset;

        public PropertyAccess Parse()
        {
            while (true)
            {
                if (AtEnd)
                {
                    Error(Offset, "missing closing brace '}' in interpolation");
                    return Finish(Offset);
                }
                var c = Peek;
                switch (c)
                {
                    case '}':
                        return Finish(Next());
                    case '.':
                        _accessors.Add(ParseName(Next()));
                        break;
                    case '[':
                        _accessors.Add(ParseSubscript(Next()));
                        break;
                    default:
                        if (char.IsWhiteSpace(c))
                        {
                            Error(Offset, "missing closing brace '}' in interpolation");
                            return Finish(Offset);
                        }
                        _accessors.Add(ParseName(Offset));
                        break;
                }
            }
        }

        private bool AtEnd => Offset >= text.Length;

        private char Peek => text[Offset];

        private int Next() => Offset++;

        private static bool TerminatesName(char c) => c is '.' or '[' or '}' || char.IsWhiteSpace(c);

        // `${` and `${}` name the empty property, which then fails to resolve.
        private PropertyAccess Finish(int start)
        {
            if (_accessors.Count == 0)
            {
                _accessors.Add(new PropertyName("", RangeFrom(start)));
            }
            return new PropertyAccess(_accessors);
        }

        private PropertyName ParseName(int start)
        {
            var from = Offset;
            while (!AtEnd && !TerminatesName(Peek))
            {
                Next();
            }
            if (Offset == from)
            {
                Error(start, "property name must not be empty");
            }
            return new PropertyName(text[from..Offset], RangeFrom(start));
        }

        private PropertySubscript ParseSubscript(int start)
        {
            if (AtEnd)
            {
                Error(start, "subscript is missing closing bracket ']'");
                return new PropertySubscript("", RangeFrom(start));
            }
            object index;
            if (Peek == '"')
            {
                Next();
                index = ParseStringSubscript(start);
            }
            else
            {
                index = ParseIndexSubscript(start);
            }
            if (AtEnd || Peek != ']')
            {
                Error(start, "subscript is missing closing bracket ']'");
            }
            else
            {
                Next();
            }
            return new PropertySubscript(index, RangeFrom(start));
        }

        private string ParseStringSubscript(int start)
        {
            var key = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    Error(start + 1, "key subscript is missing closing quote '\"'");
                    return key.ToString();
                }
                var c = text[Next()];
                if (c == '"')
                {
                    if (key.Length == 0)
                    {
                        Error(start + 1, "key subscript must not be empty");
                    }
                    return key.ToString();
                }
                if (c == '\\' && !AtEnd && Peek == '"')
                {
                    c = text[Next()];
                }
                key.Append(c);
            }
        }

        private object ParseIndexSubscript(int start)
        {
            var from = Offset;
            while (!AtEnd && Peek != ']' && !TerminatesName(Peek))
            {
                Next();
            }
            var digits = text[from..Offset];
            if (!TryParseIndex(digits, out var index))
            {
                Error(start + 1, "numeric subscript must be a positive base-10 integer");
                return digits;
            }
            if (_accessors.Count == 0)
            {
                Error(start, "the first accessor must be a property name or key subscript, not a numeric subscript");
            }
            return index;
        }

        // Base-10 with an optional sign, like Go's strconv.ParseInt(s, 10, 0).
        private static bool TryParseIndex(string digits, out int index) =>
            int.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out index)
            && digits.Length > 0 && !digits.Contains(' ', StringComparison.Ordinal);

        private SourceRange? RangeFrom(int start) => node.InnerRange(start, Offset);

        private void Error(int start, string summary) =>
            diagnostics.Add(Diagnostic.Error(summary, node.Path, RangeFrom(start) ?? node.Range));
    }
}
