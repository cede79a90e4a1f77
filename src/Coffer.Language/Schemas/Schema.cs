using System.Text.Json;
using Coffer.Language.Values;

namespace Coffer.Language.Schemas;

/// <summary>
/// A schema in the JSON-Schema dialect of the environment language: <c>true</c>, <c>false</c> or an
/// object with <c>type</c>, <c>properties</c>, <c>items</c>, <c>const</c>, <c>enum</c>, bounds,
/// <c>anyOf</c>/<c>oneOf</c>, local <c>$ref</c>s and the extensions <c>secret</c> and <c>rotateOnly</c>.
/// Providers describe their inputs and outputs with schemas; <c>fn::validate</c> checks values against one.
/// </summary>
public sealed class Schema
{
    private Schema()
    {
    }

    /// <summary>Accepts every value (<c>true</c>).</summary>
    public static Schema Always { get; } = new() { IsAlways = true, IsCompiled = true };

    /// <summary>Accepts no value (<c>false</c>).</summary>
    public static Schema Never { get; } = new() { IsNever = true, IsCompiled = true };

    internal bool IsAlways { get; private init; }

    internal bool IsNever { get; private init; }

    internal string Type { get; private init; } = "";

    internal Dictionary<string, Schema>? Defs { get; private init; }

    internal string? Ref { get; private init; }

    internal List<Schema>? AnyOf { get; private init; }

    internal List<Schema>? OneOf { get; private init; }

    internal List<Schema>? PrefixItems { get; private init; }

    internal Schema? Items { get; private init; }

    internal Schema? AdditionalProperties { get; private init; }

    internal Dictionary<string, Schema>? Properties { get; private init; }

    internal List<string>? Required { get; private init; }

    internal EscValue? Const { get; private init; }

    internal List<EscValue>? Enum { get; private init; }

    internal bool IsSecret { get; private init; }

    internal List<string>? RotateOnly { get; private init; }

    /// <summary>Bounds, lengths, patterns and other rarely used keywords.</summary>
    internal SchemaConstraints? Constraints { get; private init; }

    internal bool IsCompiled { get; private set; }

    internal Schema? RefTarget { get; private set; }

    /// <summary>Parses a schema from JSON text and resolves its references; throws <see cref="FormatException"/>.</summary>
    public static Schema Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return FromValue(ValueJson.FromElement(document.RootElement));
    }

    /// <summary>Builds a schema from a value and resolves its references; throws <see cref="FormatException"/>.</summary>
    public static Schema FromValue(EscValue value)
    {
        var schema = Read(value);
        if (schema.Compile() is { } error)
        {
            throw new FormatException(error);
        }
        return schema;
    }

    /// <summary>Builds a schema without compiling it; <see cref="Compile()"/> reports problems.</summary>
    internal static Schema Read(EscValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Kind == EscValueKind.Boolean)
        {
            return value.AsBoolean ? Always : Never;
        }
        if (value.Kind != EscValueKind.Object)
        {
            throw new FormatException($"a schema must be a boolean or an object, not {value.Kind.ToString().ToLowerInvariant()}");
        }

        string? Text(string key) => value[key] is { Kind: EscValueKind.String } s ? s.AsString : null;
        string? Number(string key) => value[key] is { Kind: EscValueKind.Number } n ? n.AsNumberText : null;
        Schema? Sub(string key) => value[key] is { } v ? Read(v) : null;
        List<Schema>? List(string key) => value[key] is { Kind: EscValueKind.Array } a ? a.Items.Select(Read).ToList() : null;
        Dictionary<string, Schema>? Map(string key) => value[key] is { Kind: EscValueKind.Object } o
            ? o.Properties.ToDictionary(p => p.Key, p => Read(p.Value), StringComparer.Ordinal)
            : null;
        List<string>? Strings(string key) => value[key] is { Kind: EscValueKind.Array } a
            ? a.Items.Where(i => i.Kind == EscValueKind.String).Select(i => i.AsString).ToList()
            : null;

        var constraints = new SchemaConstraints
        {
            MultipleOf = Number("multipleOf"),
            Maximum = Number("maximum"),
            ExclusiveMaximum = Number("exclusiveMaximum"),
            Minimum = Number("minimum"),
            ExclusiveMinimum = Number("exclusiveMinimum"),
            MaxLength = Number("maxLength"),
            MinLength = Number("minLength"),
            Pattern = Text("pattern"),
            MaxItems = Number("maxItems"),
            MinItems = Number("minItems"),
            MaxProperties = Number("maxProperties"),
            MinProperties = Number("minProperties"),
            DependentRequired = value["dependentRequired"] is { Kind: EscValueKind.Object } d
                ? d.Properties.ToDictionary(
                    p => p.Key,
                    p => p.Value.Items.Where(i => i.Kind == EscValueKind.String).Select(i => i.AsString).ToList(),
                    StringComparer.Ordinal)
                : null,
            Title = Text("title"),
            Description = Text("description"),
            Default = value["default"],
            Deprecated = value["deprecated"] is { Kind: EscValueKind.Boolean } dep && dep.AsBoolean,
            Examples = value["examples"] is { Kind: EscValueKind.Array } ex ? ex.Items.ToList() : null,
            UniqueItems = value["uniqueItems"] is { Kind: EscValueKind.Boolean } u && u.AsBoolean,
        };

        return new Schema
        {
            Type = Text("type") ?? "",
            Defs = Map("$defs"),
            Ref = Text("$ref"),
            AnyOf = List("anyOf"),
            OneOf = List("oneOf"),
            PrefixItems = List("prefixItems"),
            Items = Sub("items"),
            AdditionalProperties = Sub("additionalProperties"),
            Properties = Map("properties"),
            Required = Strings("required"),
            Const = value["const"],
            Enum = value["enum"] is { Kind: EscValueKind.Array } e ? e.Items.ToList() : null,
            IsSecret = value["secret"] is { Kind: EscValueKind.Boolean } secret && secret.AsBoolean,
            RotateOnly = Strings("rotateOnly"),
            Constraints = constraints.IsEmpty ? null : constraints,
        };
    }

    /// <summary>
    /// Resolves references and parses bounds and patterns. Returns a message when the schema cannot
    /// be used (a bad <c>$ref</c>, an invalid bound or regular expression), null when it is fine.
    /// </summary>
    internal string? Compile() => Compile(this);

    private string? Compile(Schema root)
    {
        if (IsCompiled)
        {
            return null;
        }
        IsCompiled = true;
        if (Ref is not null)
        {
            if (!Ref.StartsWith("#/$defs/", StringComparison.Ordinal) || Ref["#/$defs/".Length..].Contains('/', StringComparison.Ordinal))
            {
                return "only fragment references of the form #/$defs/ref are supported";
            }
            var name = Uri.UnescapeDataString(Ref["#/$defs/".Length..]);
            if (root.Defs is null || !root.Defs.TryGetValue(name, out var target))
            {
                return $"unknown subschema {Ref}";
            }
            RefTarget = target;
            if (target.Compile(root) is { } refError)
            {
                return refError;
            }
        }
        IEnumerable<Schema?> children = [.. AnyOf ?? [], .. OneOf ?? [], .. PrefixItems ?? [], Items, AdditionalProperties, .. Properties?.Values ?? Enumerable.Empty<Schema>()];
        foreach (var child in children)
        {
            if (child?.Compile(root) is { } error)
            {
                return error;
            }
        }
        return Constraints?.Compile();
    }

    /// <summary>The schema of element <paramref name="index"/> of values this schema accepts.</summary>
    internal Schema Item(int index)
    {
        var own = Type == "array" && (PrefixItems is not null && index < PrefixItems.Count ? PrefixItems[index] : Items) is { } direct ? direct : null;
        if (AnyOf is null && OneOf is null)
        {
            // The common case, without building a union: evaluation asks this for every element.
            return own is { IsNever: false } ? own : Never;
        }
        var union = new List<Schema>();
        foreach (var s in AnyOf ?? [])
        {
            union.Add(s.Item(index));
        }
        foreach (var s in OneOf ?? [])
        {
            union.Add(s.Item(index));
        }
        if (own is not null)
        {
            union.Add(own);
        }
        return Union(union);
    }

    /// <summary>The schema of property <paramref name="name"/> of values this schema accepts.</summary>
    internal Schema Property(string name)
    {
        var own = Type == "object" && (Properties is not null && Properties.TryGetValue(name, out var p) ? p : AdditionalProperties) is { } direct ? direct : null;
        if (AnyOf is null && OneOf is null)
        {
            // The common case, without building a union: evaluation asks this for every property.
            return own is { IsNever: false } ? own : Never;
        }
        var union = new List<Schema>();
        foreach (var s in AnyOf ?? [])
        {
            union.Add(s.Property(name));
        }
        foreach (var s in OneOf ?? [])
        {
            union.Add(s.Property(name));
        }
        if (own is not null)
        {
            union.Add(own);
        }
        return Union(union);
    }

    private static Schema Union(List<Schema> schemas)
    {
        schemas.RemoveAll(s => s.IsNever);
        return schemas.Count switch
        {
            0 => Never,
            1 => schemas[0],
            _ => new Schema { OneOf = schemas, IsCompiled = true },
        };
    }

    // Shared schemas of the evaluator (never modified once built).
    internal static Schema StringType { get; } = String();

    internal static Schema StringArray { get; } = ArrayOf(String());

    internal static Schema AnyArray { get; } = ArrayOf(Always);

    internal static Schema AnyObject { get; } = ObjectOf(Always);

    // Builders for the schemas the evaluator gives values.
    internal static Schema String() => new() { Type = "string", IsCompiled = true };

    internal static Schema StringConst(string value) => new() { Type = "string", Const = EscValue.FromString(value), IsCompiled = true };

    internal static Schema Number() => new() { Type = "number", IsCompiled = true };

    internal static Schema NumberConst(string text) => new() { Type = "number", Const = EscValue.FromNumberText(text), IsCompiled = true };

    internal static Schema BooleanConst(bool value) => new() { Type = "boolean", Const = EscValue.FromBoolean(value), IsCompiled = true };

    internal static Schema Boolean() => new() { Type = "boolean", IsCompiled = true };

    internal static Schema Null() => new() { Type = "null", IsCompiled = true };

    internal static Schema ArrayOf(Schema items) => new() { Type = "array", Items = items, IsCompiled = true };

    internal static Schema Tuple(IEnumerable<Schema> items) => new() { Type = "array", PrefixItems = items.ToList(), Items = Never, IsCompiled = true };

    internal static Schema ObjectOf(Schema additionalProperties) => new() { Type = "object", AdditionalProperties = additionalProperties, IsCompiled = true };

    internal static Schema Record(Dictionary<string, Schema> properties) => new()
    {
        Type = "object",
        Properties = properties,
        Required = properties.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList(),
        IsCompiled = true,
    };

    internal static Schema OneOfSchemas(params Schema[] schemas) => new() { OneOf = [.. schemas], IsCompiled = true };

    /// <summary>A copy of an object schema with other additional properties (used when merging layers).</summary>
    internal static Schema MergedRecord(Dictionary<string, Schema> properties, Schema? additionalProperties) => new()
    {
        Type = "object",
        Properties = properties,
        Required = properties.Keys.OrderBy(k => k, StringComparer.Ordinal).ToList(),
        AdditionalProperties = additionalProperties,
        IsCompiled = true,
    };
}
