using System.Text;
using Coffer.Language.Schemas;
using Coffer.Language.Values;

namespace Coffer.Language.Evaluation;

internal sealed partial class EvalValue
{
    // Exports are memoized in the values; traces may be read from several threads, so they take turns.
    private static readonly Lock TraceLock = new();

    /// <summary>
    /// The text of this value for interpolation and <c>fn::toString</c>: scalars as-is, arrays as
    /// Go-quoted elements joined by commas, objects as <c>"k"="v"</c> pairs of their <em>own</em> keys.
    /// </summary>
    public (string Text, bool Unknown, bool Secret) ToText(EvaluationBudget budget)
    {
        if (Unknown)
        {
            return ("[unknown]", true, Secret);
        }
        var unknown = false;
        var secret = Secret;
        string text;
        switch (Kind)
        {
            case EscValueKind.Boolean:
                text = Bool ? "true" : "false";
                break;
            case EscValueKind.Number or EscValueKind.String:
                text = Text!;
                break;
            case EscValueKind.Array:
            {
                var b = new StringBuilder();
                for (var i = 0; i < Items!.Length; i++)
                {
                    var (itemText, itemUnknown, itemSecret) = Items[i].ToText(budget);
                    if (i > 0)
                    {
                        b.Append(',');
                    }
                    GoText.AppendQuoted(b, itemText);
                    budget.CheckText(b.Length);
                    unknown |= itemUnknown;
                    secret |= itemSecret;
                }
                text = b.ToString();
                break;
            }
            case EscValueKind.Object:
            {
                var b = new StringBuilder();
                var first = true;
                foreach (var key in Props!.Keys.Order(StringComparer.Ordinal))
                {
                    var (itemText, itemUnknown, itemSecret) = Props[key].ToText(budget);
                    if (!first)
                    {
                        b.Append(',');
                    }
                    first = false;
                    GoText.AppendQuoted(b, key);
                    b.Append('=');
                    GoText.AppendQuoted(b, itemText);
                    budget.CheckText(b.Length);
                    unknown |= itemUnknown;
                    secret |= itemSecret;
                }
                text = b.ToString();
                break;
            }
            default:
                text = "";
                break;
        }
        return (text, unknown, secret);
    }

    /// <summary>
    /// The public form of this value, with its merged keys, flags and trace. Results are memoized, so
    /// values shared inside the evaluation stay shared in the export.
    /// </summary>
    public EscValue Export()
    {
        if (_exported is not null)
        {
            return _exported;
        }
        if (_exporting)
        {
            return EscValue.Unknown;
        }
        _exporting = true;
        try
        {
            EscValue content;
            if (Unknown)
            {
                content = EscValue.Unknown;
            }
            else if (Items is not null)
            {
                var items = new EscValue[Items.Length];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = Items[i].Export();
                }
                content = EscValue.FromArray(items);
            }
            else if (Props is not null)
            {
                var keys = Keys();
                var properties = new KeyValuePair<string, EscValue>[keys.Length];
                for (var i = 0; i < keys.Length; i++)
                {
                    properties[i] = KeyValuePair.Create(keys[i], Property(Def.Syntax, keys[i])!.Export());
                }
                content = EscValue.FromSortedObject(properties);
            }
            else
            {
                content = Kind switch
                {
                    EscValueKind.Boolean => EscValue.FromBoolean(Bool),
                    EscValueKind.Number => EscValue.FromNumberText(Text!),
                    EscValueKind.String => EscValue.FromString(Text!),
                    _ => EscValue.Null,
                };
            }
            // The base's export (the trace of what this value overrode) is only built when read.
            _exported = EscValue.Evaluated(content, Secret, () =>
            {
                lock (TraceLock)
                {
                    return new ValueTrace(Def.Syntax.Range, Base?.Export());
                }
            });
            return _exported;
        }
        finally
        {
            _exporting = false;
        }
    }

    /// <summary>
    /// Exports this value, but no more than <paramref name="budget"/> values when shared parts are
    /// counted each time they appear (as a consumer writing the result out would see them). Parts that
    /// do not fit are exported as unknowns and <paramref name="truncated"/> is set.
    /// </summary>
    public EscValue ExportWithin(ref long budget, Dictionary<EvalValue, long> sizes, ref bool truncated)
    {
        var size = ExpandedSize(sizes);
        if (size <= budget)
        {
            budget -= size;
            return Export();
        }
        truncated = true;
        budget--;
        if (budget <= 0 || Unknown || (Items is null && Props is null))
        {
            return EscValue.Unknown.WithSecret(Secret).WithTrace(new ValueTrace(Def.Syntax.Range, null));
        }
        EscValue value;
        if (Items is not null)
        {
            var items = new EscValue[Items.Length];
            for (var i = 0; i < items.Length; i++)
            {
                items[i] = Items[i].ExportWithin(ref budget, sizes, ref truncated);
            }
            value = EscValue.FromArray(items);
        }
        else
        {
            var properties = new List<KeyValuePair<string, EscValue>>();
            foreach (var key in Keys())
            {
                properties.Add(KeyValuePair.Create(key, Property(Def.Syntax, key)!.ExportWithin(ref budget, sizes, ref truncated)));
            }
            value = EscValue.FromObject(properties);
        }
        return value.WithSecret(Secret).WithTrace(new ValueTrace(Def.Syntax.Range, null));
    }

    /// <summary>How many values the export of this value holds when shared parts are written out in full (saturating).</summary>
    private long ExpandedSize(Dictionary<EvalValue, long> sizes)
    {
        if (sizes.TryGetValue(this, out var known))
        {
            return known;
        }
        const long cap = long.MaxValue / 4;
        long size = 1;
        foreach (var item in Items ?? [])
        {
            size = Math.Min(cap, size + item.ExpandedSize(sizes));
        }
        if (Props is not null)
        {
            foreach (var key in Keys())
            {
                size = Math.Min(cap, size + (Property(Def.Syntax, key)?.ExpandedSize(sizes) ?? 0));
            }
        }
        if (Base is not null)
        {
            size = Math.Min(cap, size + Base.ExpandedSize(sizes));
        }
        sizes[this] = size;
        return size;
    }

    /// <summary>
    /// Turns a provider's (or a parsed JSON) value into an evaluation value defined by
    /// <paramref name="def"/>. A secret container makes everything inside it secret.
    /// </summary>
    public static EvalValue Import(EscValue value, EvalExpr def, EvaluationBudget budget, bool secret = false)
    {
        budget.TakeValues(CountNodes(value));
        return ImportNode(value, def, secret);
    }

    private static long CountNodes(EscValue value) =>
        1 + value.Items.Sum(CountNodes) + value.Properties.Values.Sum(CountNodes);

    private static EvalValue ImportNode(EscValue value, EvalExpr def, bool secret)
    {
        secret |= value.IsSecret || def.Secret;
        var result = new EvalValue(def, value.IsUnknown ? Schema.Always : null) { Secret = secret, Unknown = value.IsUnknown };
        switch (value.Kind)
        {
            case EscValueKind.Boolean:
                result.Kind = EscValueKind.Boolean;
                result.Bool = value.AsBoolean;
                break;
            case EscValueKind.Number:
                result.Kind = EscValueKind.Number;
                result.Text = value.AsNumberText;
                break;
            case EscValueKind.String:
                result.Kind = EscValueKind.String;
                result.Text = value.AsString;
                break;
            case EscValueKind.Array:
                result.Kind = EscValueKind.Array;
                result.Items = value.Items.Select(i => ImportNode(i, def, secret)).ToArray();
                break;
            case EscValueKind.Object:
                result.Kind = EscValueKind.Object;
                result.Props = value.Properties.ToDictionary(p => p.Key, p => ImportNode(p.Value, def, secret), StringComparer.Ordinal);
                break;
        }
        return result;
    }

    /// <summary>A deep copy (sharing preserved), so that layering the copy cannot change the original.</summary>
    public EvalValue DeepCopy(EvaluationBudget budget)
    {
        var seen = new HashSet<EvalValue>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<EvalValue>();
        pending.Push(this);
        while (pending.TryPop(out var node))
        {
            if (!seen.Add(node))
            {
                continue;
            }
            foreach (var child in node.Items ?? [])
            {
                pending.Push(child);
            }
            foreach (var child in node.Props?.Values ?? Enumerable.Empty<EvalValue>())
            {
                pending.Push(child);
            }
            if (node.Base is not null)
            {
                pending.Push(node.Base);
            }
        }
        budget.TakeValues(seen.Count);
        return Copy(this, new Dictionary<EvalValue, EvalValue>(ReferenceEqualityComparer.Instance))!;
    }

    private static EvalValue? Copy(EvalValue? value, Dictionary<EvalValue, EvalValue> memo)
    {
        if (value is null)
        {
            return null;
        }
        if (memo.TryGetValue(value, out var existing))
        {
            return existing;
        }
        var copy = new EvalValue(value.Def, value._ownSchema)
        {
            Unknown = value.Unknown,
            Secret = value.Secret,
            Final = value.Final,
            Kind = value.Kind,
            Bool = value.Bool,
            Text = value.Text,
        };
        memo[value] = copy;
        copy.Items = value.Items?.Select(i => Copy(i, memo)!).ToArray();
        copy.Props = value.Props?.ToDictionary(p => p.Key, p => Copy(p.Value, memo)!, StringComparer.Ordinal);
        copy.Base = Copy(value.Base, memo);
        return copy;
    }

    /// <summary>A copy of this value's top node only; its contents, base included, are shared.</summary>
    public EvalValue ShallowCopy() => new(Def, _ownSchema)
    {
        Base = Base,
        Unknown = Unknown,
        Secret = Secret,
        Final = Final,
        Kind = Kind,
        Bool = Bool,
        Text = Text,
        Items = Items,
        Props = Props,
    };

    public override string ToString() => $"{Def.Path} @{Def.Syntax.Range}";
}
