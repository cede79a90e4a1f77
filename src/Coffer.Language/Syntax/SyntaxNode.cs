namespace Coffer.Language.Syntax;

/// <summary>
/// A node of a parsed YAML document. Every node knows its source range and its document path
/// (<c>values.a.b[0]</c>), which is what diagnostics report.
/// </summary>
internal abstract class SyntaxNode
{
    protected SyntaxNode(SourceRange? range, string path)
    {
        Range = range;
        Path = path;
    }

    /// <summary>The node's text, or null for synthesized nodes.</summary>
    public SourceRange? Range { get; }

    /// <summary>The document path of the node; empty for the root.</summary>
    public string Path { get; }

    /// <summary>Character offsets of the node's text in the source, used to rewrite documents in place.</summary>
    public int StartOffset { get; init; } = -1;

    /// <inheritdoc cref="StartOffset"/>
    public int EndOffset { get; init; } = -1;
}

internal sealed class NullNode(SourceRange? range, string path) : SyntaxNode(range, path);

internal sealed class BooleanNode(SourceRange? range, string path, bool value) : SyntaxNode(range, path)
{
    public bool Value { get; } = value;
}

/// <summary>A number, kept as its canonical text (see <see cref="NumberText"/>).</summary>
internal sealed class NumberNode(SourceRange? range, string path, string text) : SyntaxNode(range, path)
{
    public string Text { get; } = text;
}

internal sealed class StringNode(SourceRange? range, string path, string value) : SyntaxNode(range, path)
{
    public string Value { get; } = value;

    /// <summary>
    /// True when the value is exactly the source text on one line (a plain, untagged, single-line
    /// scalar), so positions inside the value map to columns of the document.
    /// </summary>
    public bool HasInnerPositions { get; init; }

    /// <summary>True for quoted and block scalars (their source text differs from the value).</summary>
    public bool IsQuoted { get; init; }

    /// <summary>
    /// The range of the characters <paramref name="start"/>..<paramref name="end"/> of the value, or
    /// null when the value does not map to source columns.
    /// </summary>
    public SourceRange? InnerRange(int start, int end)
    {
        if (!HasInnerPositions || Range is null)
        {
            return null;
        }
        return Range with
        {
            Begin = Shift(Range.Begin, start),
            End = Shift(Range.Begin, end),
        };
    }

    private SourcePosition Shift(SourcePosition origin, int chars)
    {
        chars = Math.Clamp(chars, 0, Value.Length);
        var prefix = Value.AsSpan(0, chars);
        return new SourcePosition(
            origin.Line,
            origin.Column + CountCodePoints(prefix),
            origin.Byte + System.Text.Encoding.UTF8.GetByteCount(prefix));
    }

    private static int CountCodePoints(ReadOnlySpan<char> text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsLowSurrogate(text[i]))
            {
                count++;
            }
        }
        return count;
    }
}

internal sealed class ArrayNode(SourceRange? range, string path, IReadOnlyList<SyntaxNode> items) : SyntaxNode(range, path)
{
    public IReadOnlyList<SyntaxNode> Items { get; } = items;

    public bool IsFlow { get; init; }
}

/// <summary>A mapping entry. Keys that are not strings are reported while reading and kept as they are.</summary>
internal readonly record struct ObjectEntry(SyntaxNode Key, SyntaxNode Value)
{
    public string KeyText => Key is StringNode s ? s.Value : "";
}

internal sealed class ObjectNode(SourceRange? range, string path, IReadOnlyList<ObjectEntry> entries) : SyntaxNode(range, path)
{
    public IReadOnlyList<ObjectEntry> Entries { get; } = entries;

    public bool IsFlow { get; init; }
}
