using Coffer.Language.Schemas;
using Coffer.Language.Values;

namespace Coffer.Language.Evaluation;

/// <summary>
/// The result of evaluating an expression. A value may have a <see cref="Base"/>: the value it is
/// layered over (what an import defined at the same place). Object keys and lookups take the base
/// into account (<see cref="Keys"/>, <see cref="Property"/>), so never read <see cref="Props"/>
/// directly when the merged view is meant.
/// </summary>
internal sealed partial class EvalValue
{
    private string[]? _keys;
    private EscValue? _exported;
    private bool _exporting;

    private Schema? _ownSchema;
    private Schema? _schema;

    /// <summary>Creates a value; without a schema, the schema is derived from the content when needed.</summary>
    public EvalValue(EvalExpr def, Schema? schema = null)
    {
        Def = def;
        _ownSchema = schema;
    }

    public EvalExpr Def { get; set; }

    public EvalValue? Base { get; set; }

    /// <summary>
    /// The value's schema layered over its base's: given explicitly (provider outputs, unknowns,
    /// built-in results) or derived from the content. Computed when first needed — most evaluations
    /// never need it — and recomputed after the value is layered again.
    /// </summary>
    public Schema Schema
    {
        get => _schema ??= Base is null ? OwnSchema : MergedSchema(Base.Schema, OwnSchema);
        set
        {
            _ownSchema = value;
            _schema = null;
        }
    }

    private Schema OwnSchema => _ownSchema ??= Unknown ? Schema.Always : Kind switch
    {
        EscValueKind.Null => Schema.Null(),
        EscValueKind.Boolean => Schema.BooleanConst(Bool),
        EscValueKind.Number => Schema.NumberConst(Text!),
        EscValueKind.String => Schema.StringConst(Text!),
        EscValueKind.Array => Schema.Tuple(Items!.Select(i => i.Schema)),
        _ => Schema.Record(Props!.ToDictionary(p => p.Key, p => p.Value.Schema, StringComparer.Ordinal)),
    };

    public bool Unknown { get; set; }

    public bool Secret { get; set; }

    /// <summary>Produced by <c>fn::final</c>: an importer cannot override it.</summary>
    public bool Final { get; set; }

    /// <summary>An unknown standing for a <c>rotateOnly</c> input that was deliberately not evaluated.</summary>
    public bool SkippedRotateOnly { get; set; }

    public EscValueKind Kind { get; set; }

    public bool Bool { get; set; }

    /// <summary>The text of a string or number.</summary>
    public string? Text { get; set; }

    public EvalValue[]? Items { get; set; }

    public Dictionary<string, EvalValue>? Props { get; set; }

    public static EvalValue UnknownOf(EvalExpr def, Schema schema) => new(def, schema) { Unknown = true };


    public bool IsObjectRepr => Props is not null;

    public bool ContainsUnknowns() => Any(v => v.Unknown);

    public bool ContainsSecrets() => Any(v => v.Secret);

    /// <summary>
    /// True when this value or a value inside it (base layers included through the merged keys)
    /// satisfies <paramref name="test"/>. Shared values are visited once, so values built from many
    /// references to one another cost their size, not the size of their expansion.
    /// </summary>
    private bool Any(Func<EvalValue, bool> test)
    {
        var seen = new HashSet<EvalValue>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<EvalValue>();
        pending.Push(this);
        while (pending.TryPop(out var value))
        {
            if (!seen.Add(value))
            {
                continue;
            }
            if (test(value))
            {
                return true;
            }
            foreach (var item in value.Items ?? [])
            {
                pending.Push(item);
            }
            if (value.Props is not null)
            {
                foreach (var key in value.Keys())
                {
                    if (value.Property(value.Def.Syntax, key) is { } property)
                    {
                        pending.Push(property);
                    }
                }
            }
        }
        return false;
    }

    /// <summary>True when this value is, or (being unknown) may be, an object.</summary>
    public bool IsObject() => Unknown ? Schema.IsAlways || Schema.Type == "object" : Props is not null;

    /// <summary>Identity, extended to late-bound accesses of the same property of the same unknown value.</summary>
    public bool Is(EvalValue other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }
        if (Unknown && other.Unknown && Def.Receiver is { } receiver && other.Def.Receiver is { } otherReceiver)
        {
            return Def.AccessedName is not null && Def.AccessedName == other.Def.AccessedName && receiver.Is(otherReceiver);
        }
        return false;
    }

    /// <summary>
    /// Sets the unknown and secret flags from the operands of an aggregate (a built-in's result is
    /// unknown or secret when any operand contains an unknown or a secret).
    /// </summary>
    public void Combine(params EvalValue[] operands)
    {
        foreach (var operand in operands)
        {
            Unknown = ContainsUnknowns() || operand.ContainsUnknowns();
            Secret = ContainsSecrets() || operand.ContainsSecrets();
        }
    }

    /// <summary>
    /// The object's keys including those of its base, sorted. The list is computed once and then kept,
    /// even if a base is attached later — the reference behaves so, which is why an object made by
    /// <c>fn::final</c> or <c>fn::validate</c> renders only its own keys.
    /// </summary>
    public string[] Keys()
    {
        if (_keys is not null)
        {
            return _keys;
        }
        if (Props is null)
        {
            return [];
        }
        var baseKeys = Base?.Keys() ?? [];
        if (baseKeys.Length == 0)
        {
            _keys = [.. Props.Keys];
        }
        else
        {
            var set = new HashSet<string>(baseKeys, StringComparer.Ordinal);
            set.UnionWith(Props.Keys);
            _keys = [.. set];
        }
        Array.Sort(_keys, StringComparer.Ordinal);
        return _keys;
    }

    /// <summary>
    /// The property <paramref name="key"/>, looking through to the base when this value lacks it. An
    /// unknown value answers with a late-bound unknown access typed by its schema.
    /// </summary>
    public EvalValue? Property(Declarations.Expr syntax, string key)
    {
        if (Props is not null)
        {
            return Props.TryGetValue(key, out var own) ? own : Base?.Property(syntax, key);
        }
        if (Unknown)
        {
            var schema = Schema.Property(key);
            var baseProperty = Base?.Property(syntax, key);
            var access = new EvalExpr("", new AccessExpr(syntax.Syntax), schema, baseProperty)
            {
                State = ExprState.Done,
                Receiver = this,
                AccessedName = key,
            };
            return new EvalValue(access, schema) { Base = baseProperty, Unknown = true };
        }
        return null;
    }

    /// <summary>
    /// Layers this value over <paramref name="baseValue"/> (JSON-merge-patch style, but <c>null</c>
    /// overrides instead of deleting). Mutates this value; callers copy first when it is shared.
    /// </summary>
    public void Merge(EvalValue? baseValue)
    {
        // Layering over the same base again changes nothing; stopping here keeps shared values cheap.
        if (baseValue is null || Is(baseValue) || ReferenceEquals(Base, baseValue))
        {
            return;
        }
        if (Base is not null)
        {
            Base.Merge(baseValue);
        }
        else
        {
            Base = baseValue;
        }
        if (Props is not null)
        {
            foreach (var (key, property) in Props)
            {
                property.Merge(Base.Property(property.Def.Syntax, key));
            }
        }
        _schema = null;
    }

    /// <summary>The schema of an object layered over another: the union of their properties.</summary>
    public static Schema MergedSchema(Schema? baseSchema, Schema top)
    {
        if (baseSchema is null || top.Type != "object" || baseSchema.Type != "object")
        {
            return top;
        }
        var properties = new Dictionary<string, Schema>(StringComparer.Ordinal);
        foreach (var (key, schema) in baseSchema.Properties ?? [])
        {
            properties[key] = schema;
        }
        foreach (var (key, schema) in top.Properties ?? [])
        {
            properties[key] = properties.TryGetValue(key, out var below) ? MergedSchema(below, schema) : schema;
        }
        var additional = top.AdditionalProperties;
        if (baseSchema.AdditionalProperties is not null)
        {
            additional = additional is null ? baseSchema.AdditionalProperties : Schema.Always;
        }
        return Schema.MergedRecord(properties, additional);
    }
}
