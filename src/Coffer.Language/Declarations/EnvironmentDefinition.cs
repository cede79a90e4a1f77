using System.Text;
using Coffer.Language.Diagnostics;
using Coffer.Language.Syntax;

namespace Coffer.Language.Declarations;

/// <summary>
/// A parsed environment definition: its imports and its values as expressions. Parsing never
/// throws for bad input; problems are <see cref="Diagnostics"/> ("load" diagnostics).
/// </summary>
public sealed class EnvironmentDefinition
{
    private static readonly string[] TopLevelFields = ["description", "imports", "values"];

    private EnvironmentDefinition(string name, string source)
    {
        Name = name;
        Source = source;
    }

    private int _nestingLimit;

    /// <summary>The environment's name, used as the file name of its diagnostics.</summary>
    public string Name { get; }

    /// <summary>The YAML text the definition was parsed from.</summary>
    public string Source { get; }

    /// <summary>The <c>description</c>, if any.</summary>
    public string? Description { get; private set; }

    /// <summary>Problems found while parsing, in document order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; private set; } = [];

    /// <summary>True when parsing found an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>
    /// True when the YAML itself could not be read (syntax error, alias, non-string key, too deep or
    /// too large). Such a definition has no imports or values and nothing of it can be evaluated.
    /// </summary>
    public bool IsUnreadable { get; private set; }

    /// <summary>The names of the imported environments, in order.</summary>
    public IEnumerable<string> ImportNames => Imports.Select(i => i.Name);

    /// <summary>
    /// Every environment this definition depends on: its imports, and the environments its values
    /// reference as <c>${environments.PROJECT.ENV…}</c> (as <c>PROJECT/ENV</c>), without duplicates.
    /// </summary>
    public IReadOnlyList<string> ReferencedEnvironments =>
        _referenced ??= [.. ImportNames.Concat(Values.SelectMany(v => InlineReferences(v.Value))).Distinct(StringComparer.Ordinal)];

    private IReadOnlyList<string>? _referenced;

    private static IEnumerable<string> InlineReferences(Expr expr)
    {
        var pending = new Stack<Expr>();
        pending.Push(expr);
        while (pending.TryPop(out var x))
        {
            IEnumerable<PropertyAccess> accesses = x switch
            {
                SymbolExpr symbol => [symbol.Access],
                InterpolateExpr interpolate => interpolate.Parts.Where(p => p.Access is not null).Select(p => p.Access!),
                _ => [],
            };
            foreach (var access in accesses)
            {
                if (access.Accessors.Count >= 3 && access.Accessors[0].TryGetKey(out var root) && root == "environments"
                    && access.Accessors[1].TryGetKey(out var project) && access.Accessors[2].TryGetKey(out var environment))
                {
                    yield return $"{project}/{environment}";
                }
            }
            foreach (var child in Children(x))
            {
                pending.Push(child);
            }
        }
    }

    private static IEnumerable<Expr> Children(Expr x) => x switch
    {
        ArrayExpr a => a.Elements,
        ObjectExpr o => o.Entries.Select(e => e.Value),
        BuiltinExpr b => [b.Args],
        _ => [],
    };

    internal IReadOnlyList<ImportDeclaration> Imports { get; private set; } = [];

    internal IReadOnlyList<ObjectProperty> Values { get; private set; } = [];

    internal SyntaxNode? Root { get; private set; }

    /// <summary>True when parsing under <paramref name="limits"/> would give the same result (for caches).</summary>
    internal bool ParsedWith(EvaluationLimits limits) => _nestingLimit == limits.MaxNestingDepth;

    /// <summary>True when the definition has no imports and no values: it evaluates to nothing.</summary>
    public bool IsEmpty => Imports.Count == 0 && Values.Count == 0;

    /// <summary>Parses a definition from UTF-8 bytes.</summary>
    public static EnvironmentDefinition Parse(string name, ReadOnlySpan<byte> yaml, EvaluationLimits? limits = null)
    {
        limits ??= EvaluationLimits.Default;
        if (yaml.Length > limits.MaxDocumentBytes)
        {
            return TooLarge(name, yaml.Length, limits);
        }
        return Parse(name, Encoding.UTF8.GetString(yaml), limits);
    }

    /// <summary>Parses a definition from text.</summary>
    public static EnvironmentDefinition Parse(string name, string yaml, EvaluationLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(yaml);
        limits ??= EvaluationLimits.Default;
        // Editors on some systems start UTF-8 files with a byte order mark; it is not part of the YAML.
        if (yaml.StartsWith('\uFEFF'))
        {
            yaml = yaml[1..];
        }
        var byteCount = Encoding.UTF8.GetByteCount(yaml);
        if (byteCount > limits.MaxDocumentBytes)
        {
            return TooLarge(name, byteCount, limits);
        }

        var definition = new EnvironmentDefinition(name, yaml) { _nestingLimit = limits.MaxNestingDepth };
        var read = YamlSyntaxReader.Read(name, yaml, limits.MaxNestingDepth);
        var diagnostics = new List<Diagnostic>(read.Diagnostics);
        if (read.Diagnostics.Any(d => d.IsError))
        {
            definition.IsUnreadable = true;
        }
        else if (read.Root is not null)
        {
            definition.Root = read.Root;
            definition.ParseRoot(read.Root, diagnostics);
        }
        definition.Diagnostics = diagnostics;
        return definition;
    }

    private static EnvironmentDefinition TooLarge(string name, int size, EvaluationLimits limits) => new(name, "")
    {
        IsUnreadable = true,
        Diagnostics =
        [
            Diagnostic.Error(
                $"the definition is {size} bytes, more than the limit of {limits.MaxDocumentBytes} bytes",
                null,
                new SourceRange(name, new SourcePosition(1, 1, 0), new SourcePosition(1, 1, 0))),
        ],
    };

    private void ParseRoot(SyntaxNode root, List<Diagnostic> diagnostics)
    {
        if (root is not ObjectNode obj)
        {
            diagnostics.Add(Diagnostic.Error("environment must be an object", root.Path, root.Range));
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in obj.Entries)
        {
            var key = entry.KeyText;
            var field = TopLevelFields.FirstOrDefault(f => string.Equals(f, key, StringComparison.OrdinalIgnoreCase));
            if (field is null)
            {
                diagnostics.Add(Diagnostic.Warning(UnknownFieldMessage(key), entry.Key.Path, entry.Key.Range));
                continue;
            }
            if (!seen.Add(field))
            {
                // The last occurrence wins, as in the reference.
                diagnostics.Add(Diagnostic.Warning($"duplicate key \"{key}\"", entry.Key.Path, entry.Key.Range));
            }
            switch (field)
            {
                case "description":
                    Description = ParseDescription(entry.Value, diagnostics);
                    break;
                case "imports":
                    Imports = ParseImports(entry.Value, diagnostics);
                    break;
                case "values":
                    Values = ParseValues(entry.Value, diagnostics);
                    break;
            }
        }
    }

    private static string? ParseDescription(SyntaxNode node, List<Diagnostic> diagnostics)
    {
        if (node is StringNode s)
        {
            return s.Value;
        }
        diagnostics.Add(Diagnostic.Error("description must be a string", node.Path, node.Range));
        return null;
    }

    private static List<ImportDeclaration> ParseImports(SyntaxNode node, List<Diagnostic> diagnostics)
    {
        var imports = new List<ImportDeclaration>();
        if (node is not ArrayNode list)
        {
            diagnostics.Add(Diagnostic.Error("imports must be a list", node.Path, node.Range));
            return imports;
        }
        foreach (var item in list.Items)
        {
            switch (item)
            {
                case StringNode s:
                    imports.Add(new ImportDeclaration(s.Value, true, item));
                    break;
                case ObjectNode { Entries.Count: not 1 }:
                    diagnostics.Add(Diagnostic.Error("import must have a single key", item.Path, item.Range));
                    break;
                case ObjectNode o:
                    if (ParseImportOptions(o.Entries[0].Value, diagnostics) is { } merge)
                    {
                        imports.Add(new ImportDeclaration(o.Entries[0].KeyText, merge, o.Entries[0].Key));
                    }
                    break;
                default:
                    diagnostics.Add(Diagnostic.Error("import must be a string or an object", item.Path, item.Range));
                    break;
            }
        }
        return imports;
    }

    /// <summary>Reads <c>{merge: bool}</c>; other option keys are ignored. Null means the entry is invalid.</summary>
    private static bool? ParseImportOptions(SyntaxNode node, List<Diagnostic> diagnostics)
    {
        if (node is not ObjectNode options)
        {
            diagnostics.Add(Diagnostic.Error("import must be an object", node.Path, node.Range));
            return null;
        }
        var merge = true;
        foreach (var entry in options.Entries)
        {
            if (!string.Equals(entry.KeyText, "merge", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (entry.Value is BooleanNode b)
            {
                merge = b.Value;
            }
            else
            {
                diagnostics.Add(Diagnostic.Error("merge must be a boolean value", entry.Value.Path, entry.Value.Range));
                return null;
            }
        }
        return merge;
    }

    private static List<ObjectProperty> ParseValues(SyntaxNode node, List<Diagnostic> diagnostics)
    {
        var values = new List<ObjectProperty>();
        if (node is not ObjectNode obj)
        {
            diagnostics.Add(Diagnostic.Error("values must be an object", node.Path, node.Range));
            return values;
        }
        var parser = new ExprParser(diagnostics);
        foreach (var entry in obj.Entries)
        {
            var key = entry.KeyText;
            if (key.StartsWith("fn::", StringComparison.Ordinal))
            {
                diagnostics.Add(Diagnostic.Error($"builtin function call \"{key}\" not allowed at the top level", entry.Key.Path, entry.Key.Range));
                continue;
            }
            // Top-level keys are taken literally (no interpolation, no $$ unescaping), unlike nested keys.
            values.Add(new ObjectProperty(new StringExpr(entry.Key, key), parser.Parse(entry.Value)));
        }
        return values;
    }

    // "Field 'k' does not exist on Object 'environment'. Existing fields are: ..." with the fields
    // ordered by edit distance to the misspelt key, so the likeliest one comes first.
    private static string UnknownFieldMessage(string key)
    {
        var ordered = TopLevelFields
            .Select((field, index) => (field, index, distance: EditDistance.Levenshtein(field, key)))
            .OrderBy(t => t.distance).ThenBy(t => t.index)
            .Select(t => $"'{t.field}'");
        return $"Field '{key}' does not exist on Object 'environment'. Existing fields are: {string.Join(", ", ordered)}";
    }
}
