using System.Globalization;
using System.Text;

namespace Coffer.Language.Values;

/// <summary>
/// Decodes the first JSON value of a text the way <c>fn::fromJSON</c> does in the reference: trailing
/// text after a complete value is ignored, numbers keep their source text, and errors are worded
/// like Go's <c>encoding/json</c>.
/// </summary>
internal sealed class GoJsonDecoder
{
    private readonly string _text;
    private readonly int _maxDepth;
    private int _pos;
    private int _depth;

    private GoJsonDecoder(string text, int maxDepth)
    {
        _text = text;
        _maxDepth = maxDepth;
    }

    public static bool TryDecode(string text, int maxDepth, out EscValue value, out string? error, out string rest)
    {
        var decoder = new GoJsonDecoder(text, maxDepth);
        try
        {
            decoder.SkipSpace();
            if (decoder._pos >= text.Length)
            {
                throw new JsonSyntax("EOF");
            }
            value = decoder.ReadValue();
            error = null;
            rest = text[decoder._pos..];
            return true;
        }
        catch (JsonSyntax ex)
        {
            value = EscValue.Unknown;
            error = ex.Message;
            rest = "";
            return false;
        }
    }

    private EscValue ReadValue()
    {
        SkipSpace();
        if (_pos >= _text.Length)
        {
            throw new JsonSyntax("unexpected EOF");
        }
        var c = _text[_pos];
        switch (c)
        {
            case '{':
                return ReadObject();
            case '[':
                return ReadArray();
            case '"':
                return EscValue.FromString(ReadString());
            case 't':
                ReadLiteral("true");
                return EscValue.True;
            case 'f':
                ReadLiteral("false");
                return EscValue.False;
            case 'n':
                ReadLiteral("null");
                return EscValue.Null;
            default:
                if (c == '-' || char.IsAsciiDigit(c))
                {
                    return EscValue.FromNumberText(ReadNumber());
                }
                throw Invalid(c, "looking for beginning of value");
        }
    }

    private EscValue ReadObject()
    {
        Enter();
        _pos++;
        var properties = new List<KeyValuePair<string, EscValue>>();
        SkipSpace();
        if (Peek() == '}')
        {
            _pos++;
            _depth--;
            return EscValue.FromObject(properties);
        }
        while (true)
        {
            SkipSpace();
            var c = Peek() ?? throw new JsonSyntax("unexpected EOF");
            if (c != '"')
            {
                throw Invalid(c, "looking for beginning of object key string");
            }
            var key = ReadString();
            SkipSpace();
            c = Peek() ?? throw new JsonSyntax("unexpected EOF");
            if (c != ':')
            {
                throw Invalid(c, "after object key");
            }
            _pos++;
            properties.Add(KeyValuePair.Create(key, ReadValue()));
            SkipSpace();
            c = Peek() ?? throw new JsonSyntax("unexpected EOF");
            _pos++;
            if (c == '}')
            {
                _depth--;
                return EscValue.FromObject(properties);
            }
            if (c != ',')
            {
                throw Invalid(c, "after object key:value pair");
            }
        }
    }

    private EscValue ReadArray()
    {
        Enter();
        _pos++;
        var items = new List<EscValue>();
        SkipSpace();
        if (Peek() == ']')
        {
            _pos++;
            _depth--;
            return EscValue.FromArray(items);
        }
        while (true)
        {
            items.Add(ReadValue());
            SkipSpace();
            var c = Peek() ?? throw new JsonSyntax("unexpected EOF");
            _pos++;
            if (c == ']')
            {
                _depth--;
                return EscValue.FromArray(items);
            }
            if (c != ',')
            {
                throw Invalid(c, "after array element");
            }
        }
    }

    private void Enter()
    {
        if (++_depth > _maxDepth)
        {
            throw new JsonSyntax($"exceeded max depth of {_maxDepth}");
        }
    }

    private string ReadString()
    {
        _pos++;
        var b = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new JsonSyntax("unexpected EOF");
            }
            var c = _text[_pos++];
            if (c == '"')
            {
                return b.ToString();
            }
            if (c < 0x20)
            {
                throw Invalid(c, "in string literal");
            }
            if (c != '\\')
            {
                b.Append(c);
                continue;
            }
            if (_pos >= _text.Length)
            {
                throw new JsonSyntax("unexpected EOF");
            }
            var e = _text[_pos++];
            switch (e)
            {
                case '"' or '\\' or '/':
                    b.Append(e);
                    break;
                case 'b':
                    b.Append('\b');
                    break;
                case 'f':
                    b.Append('\f');
                    break;
                case 'n':
                    b.Append('\n');
                    break;
                case 'r':
                    b.Append('\r');
                    break;
                case 't':
                    b.Append('\t');
                    break;
                case 'u':
                    if (_pos + 4 > _text.Length || !int.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                    {
                        throw new JsonSyntax(_pos + 4 > _text.Length ? "unexpected EOF" : "invalid character in \\u hexadecimal character escape");
                    }
                    b.Append((char)code);
                    _pos += 4;
                    break;
                default:
                    throw Invalid(e, "in string escape code");
            }
        }
    }

    private void ReadLiteral(string literal)
    {
        for (var i = 0; i < literal.Length; i++)
        {
            if (_pos >= _text.Length)
            {
                throw new JsonSyntax("unexpected EOF");
            }
            if (_text[_pos] != literal[i])
            {
                throw Invalid(_text[_pos], $"in literal {literal} (expecting '{literal[i]}')");
            }
            _pos++;
        }
    }

    private string ReadNumber()
    {
        var start = _pos;
        if (_text[_pos] == '-')
        {
            _pos++;
        }
        if (_pos >= _text.Length)
        {
            throw new JsonSyntax("unexpected EOF");
        }
        if (_text[_pos] == '0')
        {
            _pos++;
        }
        else if (char.IsAsciiDigit(_text[_pos]))
        {
            Digits();
        }
        else
        {
            throw Invalid(_text[_pos], "in numeric literal");
        }
        if (_pos < _text.Length && _text[_pos] == '.')
        {
            _pos++;
            RequireDigit();
            Digits();
        }
        if (_pos < _text.Length && _text[_pos] is 'e' or 'E')
        {
            _pos++;
            if (_pos < _text.Length && _text[_pos] is '+' or '-')
            {
                _pos++;
            }
            RequireDigit();
            Digits();
        }
        return _text[start.._pos];
    }

    private void RequireDigit()
    {
        if (_pos >= _text.Length)
        {
            throw new JsonSyntax("unexpected EOF");
        }
        if (!char.IsAsciiDigit(_text[_pos]))
        {
            throw Invalid(_text[_pos], "in numeric literal");
        }
    }

    private void Digits()
    {
        while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos]))
        {
            _pos++;
        }
    }

    private char? Peek() => _pos < _text.Length ? _text[_pos] : null;

    private void SkipSpace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r')
        {
            _pos++;
        }
    }

    private static JsonSyntax Invalid(char c, string context)
    {
        var quoted = c switch
        {
            '\'' => @"'\''",
            '"' => "'\"'",
            _ => "'" + GoText.Quote(c.ToString())[1..^1] + "'",
        };
        return new JsonSyntax($"invalid character {quoted} {context}");
    }

    private sealed class JsonSyntax(string message) : Exception(message);
}
