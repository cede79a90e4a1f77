using Coffer.Cli.CommandLine;
using Coffer.Language.Syntax;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Coffer.Cli.Definitions;

/// <summary>
/// A definition's YAML as a tree that commands edit in place (<c>env set</c>, <c>env rm PATH</c>):
/// a path addresses a node under <c>values</c>, or under <c>imports</c> when it starts there.
/// Keys keep their order; ciphertexts of secrets are carried over untouched. Where it can, an edit
/// changes only the affected lines of the text, so comments and layout survive (see the Splice part).
/// </summary>
internal sealed partial class DefinitionDocument
{
    private readonly YamlMappingNode _root;

    private DefinitionDocument(YamlMappingNode root, string text)
    {
        _root = root;
        _text = text;
    }

    public static DefinitionDocument Parse(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new CommandFailure($"the stored definition is not valid YAML ({ex.Start.Line}:{ex.Start.Column}: {ex.Message}); fix it with coffer env edit", ex);
        }
        return stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" }
            ? new DefinitionDocument(new YamlMappingNode(), yaml)
            : stream.Documents[0].RootNode is YamlMappingNode mapping
                ? new DefinitionDocument(mapping, yaml)
                : throw new CommandFailure("the stored definition is not a YAML mapping; fix it with coffer env edit");
    }

    /// <summary>Parses a value as written on the command line: YAML, or (with <paramref name="asString"/>) a string as it is.</summary>
    public static YamlNode ParseValue(string text, bool asString)
    {
        if (asString)
        {
            return Quoted(text);
        }
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new CommandFailure($"the value is not valid YAML ({ex.Message}); pass --string to store it as text", ex);
        }
        return stream.Documents.Count == 0 ? new YamlScalarNode("") { Style = ScalarStyle.DoubleQuoted } : stream.Documents[0].RootNode;
    }

    /// <summary>A secret: <c>{fn::secret: text}</c>, which the server encrypts when it stores the definition.</summary>
    public static YamlNode Secret(YamlNode value) => value switch
    {
        YamlScalarNode scalar => new YamlMappingNode(new YamlScalarNode("fn::secret"), Quoted(scalar.Value ?? "")),
        _ => throw new CommandFailure("a secret must be a single value such as a string, not a list or an object"),
    };

    /// <summary>Sets the node at <paramref name="path"/>, creating the objects on the way.</summary>
    public void Set(PropertyPath path, YamlNode value)
    {
        _text = SpliceSet(path, value);
        var (start, segments) = Start(path, create: true);
        var container = start!;
        for (var i = 0; i < segments.Count - 1; i++)
        {
            container = Step(container, segments[i], segments[i + 1], path);
        }
        Assign(container, segments[^1], value, path);
    }

    /// <summary>Removes the node at <paramref name="path"/>; false when there is none.</summary>
    public bool Remove(PropertyPath path)
    {
        _text = SpliceRemove(path);
        var (container, segments) = Start(path, create: false);
        for (var i = 0; i < segments.Count - 1 && container is not null; i++)
        {
            container = Child(container, segments[i]);
        }
        switch (container, segments[^1])
        {
            case (YamlMappingNode mapping, string key):
                return mapping.Children.Remove(new YamlScalarNode(key));
            case (YamlSequenceNode sequence, int index) when index >= 0 && index < sequence.Children.Count:
                sequence.Children.RemoveAt(index);
                return true;
            default:
                return false;
        }
    }

    /// <summary>The node at <paramref name="path"/>, or null.</summary>
    public YamlNode? Find(PropertyPath path)
    {
        var (container, segments) = Start(path, create: false);
        foreach (var segment in segments)
        {
            if (container is null)
            {
                return null;
            }
            container = Child(container, segment);
        }
        return container;
    }

    public override string ToString()
    {
        var canonical = _root.Children.Count == 0 ? "" : ToYaml(_root);
        return _text is not null && SameDefinition(_text, canonical) ? _text : canonical;
    }

    /// <summary>A node as YAML text.</summary>
    public static string ToYaml(YamlNode node)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        new YamlStream(new YamlDocument(node)).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // The emitter ends every document with an explicit end marker; a definition has only one.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private (YamlNode? Container, IReadOnlyList<object> Segments) Start(PropertyPath path, bool create)
    {
        var segments = path.Segments;
        if (segments is ["imports", ..])
        {
            if (segments.Count == 1)
            {
                throw new CommandFailure("give an index into imports, such as imports[0]");
            }
            return (Child(_root, "imports") ?? (create ? Add(_root, "imports", new YamlSequenceNode()) : null), segments.Skip(1).ToList());
        }
        return (Child(_root, "values") ?? (create ? Add(_root, "values", new YamlMappingNode()) : null), segments);
    }

    private static YamlNode Step(YamlNode container, object segment, object next, PropertyPath path)
    {
        if (Child(container, segment) is { } child and (YamlMappingNode or YamlSequenceNode))
        {
            return child;
        }
        YamlNode created = next is int ? new YamlSequenceNode() : new YamlMappingNode();
        Assign(container, segment, created, path);
        return created;
    }

    private static void Assign(YamlNode container, object segment, YamlNode value, PropertyPath path)
    {
        switch (container, segment)
        {
            case (YamlMappingNode mapping, string key):
                mapping.Children[new YamlScalarNode(key)] = value;
                break;
            case (YamlSequenceNode sequence, int index) when index >= 0 && index < sequence.Children.Count:
                sequence.Children[index] = value;
                break;
            case (YamlSequenceNode sequence, int index) when index == sequence.Children.Count:
                sequence.Children.Add(value);
                break;
            case (YamlSequenceNode sequence, int index):
                throw new CommandFailure($"{path}: index {index} is past the end of the list ({sequence.Children.Count} items; use {sequence.Children.Count} to append)");
            default:
                throw new CommandFailure($"{path}: expected {(segment is int ? "a list" : "an object")} at \"{segment}\", but the definition has {Describe(container)}");
        }
    }

    private static YamlNode? Child(YamlNode container, object segment) => (container, segment) switch
    {
        (YamlMappingNode mapping, string key) => mapping.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null,
        (YamlSequenceNode sequence, int index) when index >= 0 && index < sequence.Children.Count => sequence.Children[index],
        _ => null,
    };

    private static YamlNode Add(YamlMappingNode mapping, string key, YamlNode value)
    {
        mapping.Children[new YamlScalarNode(key)] = value;
        return value;
    }

    private static YamlScalarNode Quoted(string text) => new(text) { Style = ScalarStyle.DoubleQuoted };

    private static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "an object",
        YamlSequenceNode => "a list",
        _ => "a single value",
    };
}
