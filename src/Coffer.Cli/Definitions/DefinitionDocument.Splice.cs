using Coffer.Cli.CommandLine;
using Coffer.Language.Syntax;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Coffer.Cli.Definitions;

/// <summary>
/// Text edits for the common cases — setting or removing a key of a block mapping — that keep the
/// rest of the user's text (comments, quoting, blank lines) as it was. Every spliced text is
/// checked against the tree edit: unless both parse to the same definition, the re-emitted tree is
/// used instead, so a splice can lose formatting but never change meaning.
/// </summary>
internal sealed partial class DefinitionDocument
{
    // The edited text, or null when no splice applies (the tree is then emitted).
    private string? _text;

    private string? SpliceSet(PropertyPath path, YamlNode value)
    {
        if (_text is null || !TryWalk(path, out var mapping, out var key, out var remaining))
        {
            return null;
        }
        if (remaining.Count == 0)
        {
            // The key exists: replace ": <old value>" after it.
            var (keyNode, old) = mapping.Children.First(e => e.Key is YamlScalarNode { Value: var k } && k == key);
            var rendered = Render(value, Indentation(mapping) + 2);
            return rendered is null ? null : _text[..(int)keyNode.End.Index] + ":" + rendered + _text[(int)LastEnd(old)..];
        }
        // Add the first missing key, with what lies below it, after the mapping's last entry.
        if (mapping.Children.Count == 0 || mapping.Style == MappingStyle.Flow)
        {
            return null;
        }
        YamlNode created = value;
        foreach (var segment in remaining.Skip(1).Reverse())
        {
            created = new YamlMappingNode(new YamlScalarNode(segment), created);
        }
        var indentation = Indentation(mapping);
        var text = Render(created, indentation + 2);
        if (text is null)
        {
            return null;
        }
        var insertAt = EndOfLine(LastEnd(mapping.Children.Last().Value));
        var before = _text[..insertAt];
        if (before.Length > 0 && !before.EndsWith('\n'))
        {
            before += "\n";
        }
        return before + new string(' ', indentation) + remaining[0] + ":" + text + "\n" + _text[insertAt..];
    }

    private string? SpliceRemove(PropertyPath path)
    {
        if (_text is null || !TryWalk(path, out var mapping, out var key, out var remaining) || remaining.Count > 0 || mapping.Children.Count < 2 || mapping.Style == MappingStyle.Flow)
        {
            return null;
        }
        var (keyNode, old) = mapping.Children.First(e => e.Key is YamlScalarNode { Value: var k } && k == key);
        var start = (int)keyNode.Start.Index - ((int)keyNode.Start.Column - 1);
        return _text[..start] + _text[EndOfLine(LastEnd(old))..];
    }

    /// <summary>
    /// Follows a path of keys under values (block mappings only) as far as it exists: the last
    /// mapping reached, the key looked up in it, and the keys still missing (the first of them
    /// being that key, unless the whole path exists).
    /// </summary>
    private bool TryWalk(PropertyPath path, out YamlMappingNode mapping, out string key, out List<string> remaining)
    {
        mapping = _root;
        key = "";
        remaining = [];
        if (path.Segments.Any(s => s is not string) || path.Segments[0] is "imports" || _root.Children.Count == 0)
        {
            return false;
        }
        var keys = new List<string> { "values" };
        keys.AddRange(path.Segments.Cast<string>());
        for (var i = 0; i < keys.Count; i++)
        {
            key = keys[i];
            var child = mapping.Children.FirstOrDefault(e => e.Key is YamlScalarNode { Value: var k } && k == keys[i]).Value;
            if (child is null)
            {
                remaining = keys.Skip(i).ToList();
                return true;
            }
            if (i == keys.Count - 1)
            {
                return true;
            }
            if (child is not YamlMappingNode { Style: not MappingStyle.Flow } next || next.Children.Count == 0)
            {
                return false;
            }
            mapping = next;
        }
        return true;
    }

    /// <summary>The text after a key's colon: " scalar" or a flow collection on the line, or a block on the next lines.</summary>
    private static string? Render(YamlNode value, int indentation)
    {
        var yaml = ToYaml(value).TrimEnd('\n');
        var block = value is YamlMappingNode { Style: not MappingStyle.Flow, Children.Count: > 0 } or YamlSequenceNode { Style: not SequenceStyle.Flow, Children.Count: > 0 };
        if (!block && !yaml.Contains('\n', StringComparison.Ordinal))
        {
            return " " + yaml;
        }
        if (value is YamlScalarNode)
        {
            // A multi-line scalar would need re-indenting its block; the tree is emitted instead.
            return null;
        }
        var pad = new string(' ', indentation);
        return "\n" + string.Join("\n", yaml.Split('\n').Select(line => pad + line));
    }

    private static int Indentation(YamlMappingNode mapping) => (int)mapping.Start.Column - 1;

    /// <summary>Where a node's text ends: for a block collection, where its last scalar ends (its own end mark lies after trailing comments).</summary>
    private static long LastEnd(YamlNode node) => node switch
    {
        YamlMappingNode { Style: not MappingStyle.Flow, Children.Count: > 0 } mapping => LastEnd(mapping.Children.Last().Value),
        YamlSequenceNode { Style: not SequenceStyle.Flow, Children.Count: > 0 } sequence => LastEnd(sequence.Children[^1]),
        _ => node.End.Index,
    };

    private int EndOfLine(long index)
    {
        var newline = _text!.IndexOf('\n', (int)index);
        return newline < 0 ? _text.Length : newline + 1;
    }

    private static bool SameDefinition(string text, string canonical)
    {
        try
        {
            var reparsed = Parse(text);
            return (reparsed._root.Children.Count == 0 ? "" : ToYaml(reparsed._root)) == canonical;
        }
        catch (CommandFailure)
        {
            return false;
        }
    }
}
