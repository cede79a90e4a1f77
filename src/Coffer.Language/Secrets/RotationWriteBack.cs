using System.Text;
using Coffer.Language.Declarations;
using Coffer.Language.Syntax;
using Coffer.Language.Values;

namespace Coffer.Language.Secrets;

/// <summary>
/// Writes the new state of rotated <c>fn::rotate</c> calls back into a definition's text, keeping
/// everything else (comments, layout, other ciphertexts) as it is. Secret parts of the state are
/// written as plaintext <c>fn::secret</c> calls, so the host must encrypt the result
/// (<see cref="DefinitionSecrets.EncryptAsync"/>) before storing it.
/// </summary>
public static class RotationWriteBack
{
    /// <summary>
    /// The <c>fn::rotate</c> calls under the document's <c>values</c>, as paths relative to
    /// <c>values</c> (<c>db.password</c>, <c>keys[0]</c>), in document order. Empty for text that is
    /// not valid YAML.
    /// </summary>
    public static IReadOnlyList<string> RotatorPaths(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var found = new List<string>();
        if (YamlSyntaxReader.Read("", yaml, int.MaxValue).Root is ObjectNode root
            && root.Entries.FirstOrDefault(e => e.KeyText == "values").Value is { } values)
        {
            Collect(values, "", found);
        }
        return found;
    }

    /// <summary>
    /// Replaces (or adds) the <c>state</c> of each patched call. Throws <see cref="FormatException"/>
    /// when a patch names no <c>fn::rotate</c> call of the document (it changed since evaluation).
    /// </summary>
    public static string Apply(string yaml, IReadOnlyList<RotationPatch> patches)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(patches);
        var root = YamlSyntaxReader.Read("", yaml, int.MaxValue).Root;
        var edits = new List<(int Start, int End, string Text)>();
        foreach (var patch in patches)
        {
            var segments = PropertyPath.TryParse(patch.DocumentPath, out var path, out var error)
                ? path.Segments
                : throw new FormatException($"invalid patch path {patch.DocumentPath}: {error}");
            if (segments.Count < 3 || segments[^1] is not "state" || segments[^2] is not string call || !call.StartsWith(BuiltinNames.Rotate, StringComparison.Ordinal))
            {
                throw new FormatException($"{patch.DocumentPath} is not the state of a fn::rotate call");
            }
            var arguments = Find(root, segments.Take(segments.Count - 1)) as ObjectNode
                ?? throw new FormatException($"{patch.DocumentPath}: the definition has no fn::rotate call there");
            edits.Add(StateEdit(yaml, arguments, FlowText(patch.Replacement)));
        }
        var b = new StringBuilder(yaml);
        foreach (var (start, end, text) in edits.OrderByDescending(e => e.Start))
        {
            b.Remove(start, end - start).Insert(start, text);
        }
        return b.ToString();
    }

    private static void Collect(SyntaxNode node, string path, List<string> found)
    {
        switch (node)
        {
            case ObjectNode obj when obj.Entries.Any(e => e.KeyText.StartsWith(BuiltinNames.Rotate, StringComparison.Ordinal)):
                found.Add(path);
                break;
            case ObjectNode obj:
                foreach (var entry in obj.Entries)
                {
                    Collect(entry.Value, PathText.JoinKey(path, entry.KeyText), found);
                }
                break;
            case ArrayNode array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    Collect(array.Items[i], PathText.JoinIndex(path, i), found);
                }
                break;
        }
    }

    private static SyntaxNode? Find(SyntaxNode? node, IEnumerable<object> segments)
    {
        foreach (var segment in segments)
        {
            node = (segment, node) switch
            {
                (string key, ObjectNode obj) => obj.Entries.LastOrDefault(e => e.KeyText == key).Value,
                (int index, ArrayNode array) when index >= 0 && index < array.Items.Count => array.Items[index],
                _ => null,
            };
        }
        return node;
    }

    private static (int Start, int End, string Text) StateEdit(string yaml, ObjectNode arguments, string state)
    {
        var existing = arguments.Entries.FirstOrDefault(e => e.KeyText == "state");
        if (existing.Key is not null)
        {
            if (arguments.IsFlow && existing.Value.StartOffset >= 0)
            {
                return (existing.Value.StartOffset, existing.Value.EndOffset, state);
            }
            // From the colon after the key, so that a block value on the following lines (or an
            // empty one, which has no offsets) is replaced whole.
            var colon = yaml.IndexOf(':', existing.Key.EndOffset);
            var end = existing.Value.StartOffset < 0 ? colon + 1 : existing.Value.EndOffset;
            return (colon, end, ": " + state + (yaml[colon..end].EndsWith('\n') ? "\n" : ""));
        }
        if (arguments.IsFlow)
        {
            var open = yaml.IndexOf('{', arguments.StartOffset);
            return (open + 1, open + 1, arguments.Entries.Count == 0 ? "state: " + state : "state: " + state + ", ");
        }
        // A block mapping: the state goes first, on its own line at the indentation of the keys.
        var first = arguments.Entries[0].Key;
        var indent = new string(' ', first.Range!.Begin.Column - 1);
        return (first.StartOffset, first.StartOffset, "state: " + state + "\n" + indent);
    }

    /// <summary>A value as YAML flow text; secret strings become <c>{"fn::secret": "…"}</c>.</summary>
    private static string FlowText(EscValue value)
    {
        var text = value.Kind switch
        {
            EscValueKind.Null => "null",
            EscValueKind.Boolean => value.AsBoolean ? "true" : "false",
            EscValueKind.Number => value.AsNumberText,
            EscValueKind.String => Literal(value.AsString),
            EscValueKind.Array => "[" + string.Join(", ", value.Items.Select(FlowText)) + "]",
            _ => "{" + string.Join(", ", value.Properties.Select(p => Literal(p.Key) + ": " + FlowText(p.Value))) + "}",
        };
        return value.IsSecret && value.Kind == EscValueKind.String
            ? "{" + ValueText.Quote(BuiltinNames.Secret) + ": " + text + "}"
            : text;
    }

    // Strings in a definition are interpolated: a generated "p${w" must stay those characters, so
    // every "$" is written as the escape "$$".
    private static string Literal(string text) => ValueText.Quote(text.Replace("$", "$$", StringComparison.Ordinal));
}
