using System.Text;

namespace Coffer.Language.Syntax;

/// <summary>Turns character offsets of a document into line, column and UTF-8 byte positions.</summary>
internal sealed class PositionMap
{
    private readonly string _text;
    private readonly List<int> _lineStarts = [0];
    private readonly bool _ascii;
    private readonly List<int> _lineByteStarts = [0];

    public PositionMap(string text)
    {
        _text = text;
        _ascii = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                _lineStarts.Add(i + 1);
            }
            else if (c > 0x7f)
            {
                _ascii = false;
            }
        }
        if (!_ascii)
        {
            for (var line = 1; line < _lineStarts.Count; line++)
            {
                var previous = _lineStarts[line - 1];
                _lineByteStarts.Add(_lineByteStarts[line - 1] + Encoding.UTF8.GetByteCount(text.AsSpan(previous, _lineStarts[line] - previous)));
            }
        }
    }

    public SourcePosition At(int offset)
    {
        offset = Math.Clamp(offset, 0, _text.Length);
        var line = _lineStarts.BinarySearch(offset);
        if (line < 0)
        {
            line = ~line - 1;
        }
        var lineStart = _lineStarts[line];
        if (_ascii)
        {
            return new SourcePosition(line + 1, offset - lineStart + 1, offset);
        }
        var segment = _text.AsSpan(lineStart, offset - lineStart);
        var column = 1;
        foreach (var c in segment)
        {
            if (!char.IsLowSurrogate(c))
            {
                column++;
            }
        }
        var bytes = _lineByteStarts[line] + Encoding.UTF8.GetByteCount(segment);
        return new SourcePosition(line + 1, column, bytes);
    }
}
