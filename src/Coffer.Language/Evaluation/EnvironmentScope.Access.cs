using Coffer.Language.Declarations;
using Coffer.Language.Schemas;
using Coffer.Language.Values;

namespace Coffer.Language.Evaluation;

internal sealed partial class EnvironmentScope
{
    /// <summary>
    /// Evaluates a <c>${...}</c> access made by expression <paramref name="x"/>. The result is a copy
    /// defined by <paramref name="x"/>, so layering it at x's location cannot alter the referenced value.
    /// </summary>
    private EvalValue EvaluatePropertyAccess(EvalExpr x, IReadOnlyList<PropertyAccessor> accessors)
    {
        var resolved = EvaluateExprAccess(x, accessors);
        // Only a location with an imported base layers (mutates) the copy; elsewhere the top node suffices.
        var copy = x.Base is null ? resolved.ShallowCopy() : resolved.DeepCopy(Budget);
        copy.Def = x;
        return copy;
    }

    /// <summary>
    /// Walks the accessors through the definitions of this environment (not through evaluated values,
    /// so <c>a: {p: ${a.q}, q: 1}</c> works), evaluating only what the access reaches.
    /// </summary>
    private EvalValue EvaluateExprAccess(EvalExpr x, IReadOnlyList<PropertyAccessor> accessors)
    {
        var syntax = x.Syntax;
        if (accessors[0].TryGetKey(out var rootKey))
        {
            switch (rootKey)
            {
                case "imports":
                    return EvaluateValueAccess(syntax, _imports, Skip(accessors, 1));
                case "context":
                    return EvaluateValueAccess(syntax, Context, Skip(accessors, 1));
                case "environments":
                    return EvaluateEnvironmentReference(x, accessors);
            }
        }

        var receiver = _root;
        var remaining = accessors;
        while (remaining.Count > 0)
        {
            var accessor = remaining[0];
            if (receiver.IsLiteralArray)
            {
                if (!TryArrayIndex(syntax, accessor, receiver.Elements!.Length, out var index))
                {
                    return InvalidAccess(x);
                }
                receiver = receiver.Elements[index];
            }
            else if (receiver.IsLiteralObject)
            {
                if (!TryObjectKey(syntax, accessor, out var key))
                {
                    return InvalidAccess(x);
                }
                if (!receiver.Properties!.TryGetValue(key, out var property))
                {
                    if (receiver.Base is { } baseValue && baseValue.IsObject())
                    {
                        return EvaluateValueAccess(syntax, baseValue, remaining);
                    }
                    AccessorError(syntax, accessor, UnknownPropertyMessage(key, receiver.Properties.Keys));
                    return InvalidAccess(x);
                }
                receiver = property;
            }
            else if (receiver.Syntax is SecretExpr { Plaintext: not null })
            {
                // fn::secret is transparent to accessors.
                receiver = receiver.First!;
                continue;
            }
            else
            {
                return EvaluateValueAccess(syntax, EvaluateExpr(receiver, Schema.Always), remaining);
            }
            remaining = Skip(remaining, 1);
        }
        return EvaluateExpr(receiver, Schema.Always);
    }

    /// <summary>
    /// <c>${environments.PROJECT.ENV.path}</c>: evaluates <c>PROJECT/ENV</c> (once per pass, with cycle
    /// detection) without merging it, then applies the remaining accessors.
    /// </summary>
    private EvalValue EvaluateEnvironmentReference(EvalExpr x, IReadOnlyList<PropertyAccessor> accessors)
    {
        if (accessors.Count < 3
            || !TryObjectKey(x.Syntax, accessors[1], out var project)
            || !TryObjectKey(x.Syntax, accessors[2], out var environment))
        {
            return InvalidAccess(x);
        }
        var name = $"{project}/{environment}";
        if (EvaluateImport(name, x.Syntax.Syntax) is not { } imported)
        {
            return InvalidAccess(x);
        }
        EvalValue Wrap(string key, EvalValue inner) => new(x)
        {
            Kind = EscValueKind.Object,
            Props = new Dictionary<string, EvalValue>(StringComparer.Ordinal) { [key] = inner },
        };
        var reference = Wrap("environments", Wrap(project, Wrap(environment, imported)));
        return EvaluateValueAccess(x.Syntax, reference, accessors);
    }

    /// <summary>Applies accessors to an evaluated value, looking through to base layers for missing keys.</summary>
    private EvalValue EvaluateValueAccess(Expr syntax, EvalValue receiver, IReadOnlyList<PropertyAccessor> accessors)
    {
        var remaining = accessors;
        while (remaining.Count > 0)
        {
            var accessor = remaining[0];
            if (receiver.Unknown)
            {
                return EvaluateUnknownAccess(syntax, receiver.Schema, remaining);
            }
            if (receiver.Items is { } items)
            {
                if (!TryArrayIndex(syntax, accessor, items.Length, out var index))
                {
                    return InvalidAccess(syntax);
                }
                receiver = items[index];
            }
            else if (receiver.Props is { } props)
            {
                if (!TryObjectKey(syntax, accessor, out var key))
                {
                    return InvalidAccess(syntax);
                }
                if (!props.TryGetValue(key, out var property))
                {
                    if (receiver.Base is { } baseValue && baseValue.IsObject())
                    {
                        return EvaluateValueAccess(syntax, baseValue, remaining);
                    }
                    AccessorError(syntax, accessor, UnknownPropertyMessage(key, receiver.Keys()));
                    return InvalidAccess(syntax);
                }
                receiver = property;
            }
            else
            {
                AccessorError(syntax, accessor, "receiver must be an array or an object");
                return InvalidAccess(syntax);
            }
            remaining = Skip(remaining, 1);
        }
        return receiver;
    }

    /// <summary>Accesses into an unknown value are checked against its schema and yield unknowns typed by it.</summary>
    private EvalValue EvaluateUnknownAccess(Expr syntax, Schema receiver, IReadOnlyList<PropertyAccessor> accessors)
    {
        foreach (var accessor in accessors)
        {
            if (receiver.IsAlways)
            {
                continue;
            }
            switch (receiver.Type)
            {
                case "array":
                    var length = receiver.Items is { IsNever: true } ? receiver.PrefixItems?.Count ?? 0 : -1;
                    if (!TryArrayIndex(syntax, accessor, length, out var index))
                    {
                        return InvalidAccess(syntax);
                    }
                    receiver = receiver.Item(index);
                    break;
                case "object":
                    if (!TryObjectKey(syntax, accessor, out var key))
                    {
                        return InvalidAccess(syntax);
                    }
                    receiver = receiver.Property(key);
                    break;
                default:
                    AccessorError(syntax, accessor, "receiver must be an array or an object");
                    return InvalidAccess(syntax);
            }
        }
        var def = new EvalExpr("", syntax, receiver, null) { State = ExprState.Done };
        return EvalValue.UnknownOf(def, receiver);
    }

    private bool TryArrayIndex(Expr syntax, PropertyAccessor accessor, int length, out int index)
    {
        index = 0;
        if (accessor is not PropertySubscript { Index: int i })
        {
            AccessorError(syntax, accessor, "cannot access an array element using a property name");
            return false;
        }
        if (i < 0)
        {
            AccessorError(syntax, accessor, "array indices must not be negative");
            return false;
        }
        if (length >= 0 && i >= length)
        {
            AccessorError(syntax, accessor, $"array index {i} out-of-bounds for array of length {length}");
            return false;
        }
        index = i;
        return true;
    }

    private bool TryObjectKey(Expr syntax, PropertyAccessor accessor, out string key)
    {
        if (accessor.TryGetKey(out key))
        {
            return true;
        }
        AccessorError(syntax, accessor, "cannot access an object property using an integer index");
        return false;
    }

    private static string UnknownPropertyMessage(string key, IEnumerable<string> candidates) =>
        Syntax.EditDistance.Suggest(key, candidates) is { } suggestion
            ? $"unknown property \"{key}\"; did you mean \"{suggestion}\"?"
            : $"unknown property \"{key}\"";

    private static EvalValue InvalidAccess(EvalExpr x) => EvalValue.UnknownOf(x, Schema.Always);

    private static EvalValue InvalidAccess(Expr syntax) =>
        EvalValue.UnknownOf(new EvalExpr("", syntax, Schema.Always, null) { State = ExprState.Done }, Schema.Always);

    private static IReadOnlyList<PropertyAccessor> Skip(IReadOnlyList<PropertyAccessor> accessors, int count) =>
        count >= accessors.Count ? [] : accessors is PropertyAccessor[] array ? array[count..] : accessors.Skip(count).ToArray();
}
