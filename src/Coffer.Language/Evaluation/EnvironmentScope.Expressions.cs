using System.Text;
using Coffer.Language.Declarations;
using Coffer.Language.Schemas;
using Coffer.Language.Values;

namespace Coffer.Language.Evaluation;

internal sealed partial class EnvironmentScope
{
    /// <summary>
    /// Evaluates an expression once (later calls return the memoized value) and layers the result
    /// over the expression's base. Re-entering an expression that is being evaluated is a cycle.
    /// </summary>
    private EvalValue EvaluateExpr(EvalExpr x, Schema accept)
    {
        switch (x.State)
        {
            case ExprState.Done:
                return x.Value!;
            case ExprState.Evaluating:
                Error(x.Syntax, $"cyclic reference to {x.Path}");
                return EvalValue.UnknownOf(x, Schema.Always);
        }

        // A final value from an import cannot be overridden: keep it and do not evaluate the override.
        if (x.Base is { Final: true } finalValue)
        {
            Warning(x.Syntax, "cannot override final value");
            x.State = ExprState.Done;
            x.Value = finalValue;
            return finalValue;
        }

        if (!_pass.TryEnter(x.Syntax))
        {
            var unknown = EvalValue.UnknownOf(x, Schema.Always);
            x.State = ExprState.Done;
            x.Value = unknown;
            return unknown;
        }
        x.State = ExprState.Evaluating;
        EvalValue value;
        try
        {
            value = EvaluateRepr(x, accept);
        }
        catch (LimitExceededException ex)
        {
            Error(x.Syntax, ex.Message);
            value = EvalValue.UnknownOf(x, Schema.Always);
        }
        finally
        {
            x.State = ExprState.Done;
            _pass.Leave();
        }

        if (x.Secret)
        {
            value.Secret = true;
        }
        value.Merge(x.Base);
        x.Value = value;
        return value;
    }

    private EvalValue EvaluateRepr(EvalExpr x, Schema accept) => x.Syntax switch
    {
        MissingExpr => EvalValue.UnknownOf(x, Schema.Always),
        NullExpr => new EvalValue(x),
        BooleanExpr b => new EvalValue(x) { Kind = EscValueKind.Boolean, Bool = b.Value },
        NumberExpr n => new EvalValue(x) { Kind = EscValueKind.Number, Text = n.Text },
        StringExpr s => new EvalValue(x) { Kind = EscValueKind.String, Text = s.Value },
        InterpolateExpr interpolate => EvaluateInterpolate(x, interpolate),
        SymbolExpr symbol => EvaluatePropertyAccess(x, symbol.Access.Accessors),
        ArrayExpr => EvaluateArray(x, accept),
        ObjectExpr => EvaluateObject(x, accept),
        OpenExpr open => EvaluateOpen(x, open),
        RotateExpr rotate => EvaluateRotate(x, rotate),
        SecretExpr secret => EvaluateSecret(x, secret),
        BinaryBuiltinExpr binary => binary.Name.Value switch
        {
            BuiltinNames.Join => EvaluateJoin(x),
            BuiltinNames.Split => EvaluateSplit(x),
            _ => EvaluateValidate(x),
        },
        UnaryBuiltinExpr unary => unary.Name.Value switch
        {
            BuiltinNames.Concat => EvaluateConcat(x),
            BuiltinNames.ToJson => EvaluateToJson(x),
            BuiltinNames.FromJson => EvaluateFromJson(x),
            BuiltinNames.ToBase64 => EvaluateToBase64(x),
            BuiltinNames.FromBase64 => EvaluateFromBase64(x),
            BuiltinNames.ToStringCall => EvaluateToString(x),
            _ => EvaluateFinal(x, accept),
        },
        _ => throw new InvalidOperationException($"unexpected expression {x.Syntax.GetType().Name}"),
    };

    /// <summary>Evaluates an expression and checks it against <paramref name="accept"/>; false when it does not fit.</summary>
    private (EvalValue Value, bool Ok) EvaluateTypedExpr(EvalExpr x, Schema accept)
    {
        var value = EvaluateExpr(x, accept);
        var validator = new Validator();
        var ok = validator.Validate(value, accept);
        _pass.Diagnostics.AddRange(validator.Diagnostics);
        return (value, ok);
    }

    private EvalValue EvaluateArray(EvalExpr x, Schema accept)
    {
        var elements = x.Elements!;
        var items = new EvalValue[elements.Length];
        for (var i = 0; i < elements.Length; i++)
        {
            items[i] = EvaluateExpr(elements[i], accept.Item(i));
        }
        return new EvalValue(x) { Kind = EscValueKind.Array, Items = items };
    }

    private EvalValue EvaluateObject(EvalExpr x, Schema accept)
    {
        // Properties are evaluated in key order so that cycles are reported predictably.
        var props = new Dictionary<string, EvalValue>(x.Properties!.Count, StringComparer.Ordinal);
        foreach (var key in x.SortedKeys!)
        {
            props[key] = EvaluateExpr(x.Properties[key], accept.Property(key));
        }
        return new EvalValue(x) { Kind = EscValueKind.Object, Props = props };
    }

    private EvalValue EvaluateInterpolate(EvalExpr x, InterpolateExpr interpolate)
    {
        var value = new EvalValue(x, x.Schema) { Kind = EscValueKind.String };
        var text = new StringBuilder();
        foreach (var part in interpolate.Parts)
        {
            text.Append(part.Text);
            if (part.Access is null)
            {
                continue;
            }
            var partValue = EvaluatePropertyAccess(x, part.Access.Accessors);
            var (partText, unknown, secret) = partValue.ToText(Budget);
            value.Unknown |= unknown;
            value.Secret |= secret;
            if (!unknown)
            {
                text.Append(partText);
                Budget.CheckText(text.Length);
            }
        }
        value.Text = value.Unknown ? "[unknown]" : text.ToString();
        return value;
    }
}
