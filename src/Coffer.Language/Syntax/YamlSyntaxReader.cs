using Coffer.Language.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Coffer.Language.Syntax;

/// <summary>The result of reading a YAML document into syntax nodes.</summary>
/// <param name="Root">The document's root node; null when the document is empty or has YAML-level errors.</param>
/// <param name="Diagnostics">YAML-level problems. Any error means <paramref name="Root"/> is null.</param>
internal sealed record YamlReadResult(SyntaxNode? Root, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>
/// Reads the first document of a YAML stream into <see cref="SyntaxNode"/>s with source ranges and
/// document paths. Works on parser events with an explicit stack, so deep nesting cannot overflow
/// the call stack; nesting beyond <c>maxDepth</c> is an error. Duplicate keys are kept (the
/// language gives them meaning); aliases and non-string keys are errors.
/// </summary>
internal sealed class YamlSyntaxReader
{
    private readonly string _environment;
    private readonly string _text;
    private readonly int _maxDepth;
    private readonly PositionMap _positions;
    private readonly List<Diagnostic> _diagnostics = [];
    private readonly Stack<Frame> _stack = new();

    private YamlSyntaxReader(string environment, string text, int maxDepth)
    {
        _environment = environment;
        _text = text;
        _maxDepth = maxDepth;
        _positions = new PositionMap(text);
    }

    public static YamlReadResult Read(string environment, string text, int maxDepth)
    {
        var reader = new YamlSyntaxReader(environment, text, maxDepth);
        if (reader.FirstControlCharacter() is { } offset)
        {
            // YAML streams hold printable characters only; ESC's parser refuses the rest, and a NUL
            // could not even be stored in every database.
            var at = reader._positions.At(offset);
            return new YamlReadResult(null, [Diagnostic.Error("control characters are not allowed", null, new SourceRange(environment, at, at))]);
        }
        var root = reader.ReadDocument();
        var failed = reader._diagnostics.Any(d => d.IsError);
        return new YamlReadResult(failed ? null : root, reader._diagnostics);
    }

    private SyntaxNode? ReadDocument()
    {
        var parser = new Parser(new StringReader(_text));
        try
        {
            SyntaxNode? root = null;
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case DocumentStart or StreamStart:
                        continue;
                    case DocumentEnd or StreamEnd:
                        return IsEmptyDocument(root) ? null : root;
                    case AnchorAlias alias:
                        Error("alias nodes are not supported", alias.Start, alias.End, CurrentPath());
                        if (Complete(new NullNode(Range(alias.Start, alias.End), CurrentPath())) is { } aliasRoot)
                        {
                            root = aliasRoot;
                        }
                        break;
                    case Scalar scalar:
                        if (Complete(ReadScalar(scalar)) is { } scalarRoot)
                        {
                            root = scalarRoot;
                        }
                        break;
                    case SequenceStart sequence:
                        MarkCollectionKey();
                        if (!Push(new Frame(FrameKind.Sequence, CurrentPath(), sequence.Start, sequence.Style == SequenceStyle.Flow)))
                        {
                            return null;
                        }
                        break;
                    case MappingStart mapping:
                        MarkCollectionKey();
                        if (!Push(new Frame(FrameKind.Mapping, CurrentPath(), mapping.Start, mapping.Style == MappingStyle.Flow)))
                        {
                            return null;
                        }
                        break;
                    case SequenceEnd or MappingEnd:
                        if (Complete(Pop(parser.Current.Start)) is { } collectionRoot)
                        {
                            root = collectionRoot;
                        }
                        break;
                }
            }
            return root;
        }
        catch (YamlException ex)
        {
            _diagnostics.Add(Diagnostic.Error(SyntaxErrorText(ex), null, Range(ex.Start, ex.End)));
            return null;
        }
    }

    // An empty file, a comment-only file and a bare "---" all mean "no environment".
    private static bool IsEmptyDocument(SyntaxNode? root) =>
        root is null || (root is NullNode && root.Range is { } r && r.Begin.Byte == r.End.Byte);

    private static string SyntaxErrorText(YamlException ex)
    {
        var message = ex.Message.TrimEnd('.');
        var comma = message.IndexOf(", ", StringComparison.Ordinal);
        if (message.StartsWith("While ", StringComparison.Ordinal) && comma > 0)
        {
            message = message[(comma + 2)..];
        }
        if (message.Length > 0)
        {
            message = char.ToLowerInvariant(message[0]) + message[1..];
        }
        return $"yaml: line {ex.Start.Line}: {message}";
    }

    private SyntaxNode ReadScalar(Scalar scalar)
    {
        var range = Range(scalar.Start, scalar.End);
        if (IsKeyPosition())
        {
            _stack.Peek().PendingKeyText = scalar.Value;
        }
        var path = CurrentPath();
        var plain = scalar.Style == ScalarStyle.Plain;
        ScalarResolver.Resolved resolved;
        if (!scalar.Tag.IsEmpty && !scalar.Tag.IsNonSpecific)
        {
            resolved = ScalarResolver.ResolveTagged(scalar.Tag.Value, scalar.Value, out var error);
            if (error is not null)
            {
                Error(error, scalar.Start, scalar.End, path);
            }
        }
        else if (plain && scalar.Tag.IsEmpty)
        {
            resolved = ScalarResolver.ResolvePlain(scalar.Value);
        }
        else
        {
            resolved = new ScalarResolver.Resolved(ScalarKind.String, Text: scalar.Value);
        }

        var start = (int)scalar.Start.Index;
        var end = (int)scalar.End.Index;
        return resolved.Kind switch
        {
            ScalarKind.Null => new NullNode(range, path) { StartOffset = start, EndOffset = end },
            ScalarKind.Boolean => new BooleanNode(range, path, resolved.Boolean) { StartOffset = start, EndOffset = end },
            ScalarKind.Number => new NumberNode(range, path, resolved.Text) { StartOffset = start, EndOffset = end },
            _ => new StringNode(range, path, scalar.Value)
            {
                StartOffset = start,
                EndOffset = end,
                HasInnerPositions = plain && scalar.Tag.IsEmpty && scalar.Start.Line == scalar.End.Line,
                IsQuoted = !plain,
            },
        };
    }

    // A collection used as a mapping key has no text to name it by.
    private void MarkCollectionKey()
    {
        if (IsKeyPosition())
        {
            _stack.Peek().PendingKeyText = "";
        }
    }

    private bool Push(Frame frame)
    {
        if (_stack.Count >= _maxDepth)
        {
            Error($"the document nests deeper than the limit of {_maxDepth} levels", frame.Start, frame.Start, frame.Path);
            return false;
        }
        _stack.Push(frame);
        return true;
    }

    private SyntaxNode Pop(Mark endMark)
    {
        var frame = _stack.Pop();
        var start = (int)frame.Start.Index;
        // Block collections end where their last child ends; flow collections include their closing bracket.
        var endOffset = frame.IsFlow ? (int)endMark.Index + 1 : frame.LastEnd ?? start;
        var endPosition = _positions.At(Math.Min(endOffset, _text.Length));
        var range = new SourceRange(_environment, _positions.At(start), endPosition);
        return frame.Kind == FrameKind.Sequence
            ? new ArrayNode(range, frame.Path, frame.Items) { IsFlow = frame.IsFlow, StartOffset = start, EndOffset = endOffset }
            : new ObjectNode(range, frame.Path, frame.Entries) { IsFlow = frame.IsFlow, StartOffset = start, EndOffset = endOffset };
    }

    /// <summary>Hands a finished node to its parent; returns it when it is the document root.</summary>
    private SyntaxNode? Complete(SyntaxNode node)
    {
        if (_stack.Count == 0)
        {
            return node;
        }
        var parent = _stack.Peek();
        parent.LastEnd = node.EndOffset;
        if (parent.Kind == FrameKind.Sequence)
        {
            parent.Items.Add(node);
            return null;
        }
        if (parent.PendingKey is null)
        {
            if (node is not StringNode)
            {
                _diagnostics.Add(Diagnostic.Error("mapping keys must be strings", node.Path, node.Range));
            }
            parent.PendingKey = node;
            return null;
        }
        parent.Entries.Add(new ObjectEntry(parent.PendingKey, node));
        parent.PendingKey = null;
        return null;
    }

    /// <summary>The path of the node that starts next: the parent's path plus its key or index.</summary>
    private string CurrentPath()
    {
        if (_stack.Count == 0)
        {
            return "";
        }
        var parent = _stack.Peek();
        if (parent.Kind == FrameKind.Sequence)
        {
            return PathText.JoinIndex(parent.Path, parent.Items.Count);
        }
        // A key shares its path with its value, as in the reference evaluator.
        return PathText.JoinKey(parent.Path, parent.PendingKeyText);
    }

    /// <summary>The offset of the first character YAML does not allow in a stream, if any (YAML 1.2 §5.1).</summary>
    private int? FirstControlCharacter()
    {
        for (var i = 0; i < _text.Length; i++)
        {
            var c = _text[i];
            if (char.IsHighSurrogate(c) && i + 1 < _text.Length && char.IsLowSurrogate(_text[i + 1]))
            {
                i++;
                continue;
            }
            var printable = c is '\t' or '\n' or '\r' or (>= ' ' and <= '~') or '\u0085' or (>= '\u00a0' and <= '\ud7ff') or (>= '\ue000' and <= '\ufffd');
            if (!printable)
            {
                return i;
            }
        }
        return null;
    }

    private bool IsKeyPosition() =>
        _stack.Count > 0 && _stack.Peek() is { Kind: FrameKind.Mapping, PendingKey: null };

    private void Error(string summary, Mark start, Mark end, string path) =>
        _diagnostics.Add(Diagnostic.Error(summary, path, Range(start, end)));

    private SourceRange Range(Mark start, Mark end) =>
        new(_environment, _positions.At((int)start.Index), _positions.At((int)end.Index));

    private enum FrameKind
    {
        Sequence,
        Mapping,
    }

    private sealed class Frame(FrameKind kind, string path, Mark start, bool isFlow)
    {
        public FrameKind Kind { get; } = kind;
        public string Path { get; } = path;
        public Mark Start { get; } = start;
        public bool IsFlow { get; } = isFlow;
        public List<SyntaxNode> Items { get; } = [];
        public List<ObjectEntry> Entries { get; } = [];
        public SyntaxNode? PendingKey { get; set; }
        public string PendingKeyText { get; set; } = "";
        public int? LastEnd { get; set; }
    }
}
