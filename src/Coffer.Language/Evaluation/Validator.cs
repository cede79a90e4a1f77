using Coffer.Language.Diagnostics;
using Coffer.Language.Schemas;
using Coffer.Language.Syntax;
using Coffer.Language.Values;

namespace Coffer.Language.Evaluation;

/// <summary>
/// Checks values against schemas. A known value is checked keyword by keyword; an unknown value is
/// checked statically by comparing its schema with the accepted one. Errors blame the literal
/// element at fault, or the defining expression with a relative path prefix.
/// </summary>
internal sealed class Validator
{
    public List<Diagnostic> Diagnostics { get; } = [];

    /// <summary>Where to report a failure: an expression, and a path relative to it when it is not a literal.</summary>
    private readonly record struct Location(EvalExpr Expr, string RelativePath, bool Prefix)
    {
        public Location Index(int i) =>
            Expr.Elements is { } elements && i < elements.Length
                ? new Location(elements[i], PathText.JoinIndex("", i), false)
                : new Location(Expr, PathText.JoinIndex(RelativePath, i), true);

        public Location Property(string key) =>
            Expr.Properties is { } properties && properties.TryGetValue(key, out var p)
                ? new Location(p, PathText.JoinKey("", key), false)
                : new Location(Expr, PathText.JoinKey(RelativePath, key), true);
    }

    /// <summary>Validates a value; returns false (with diagnostics) when <paramref name="accept"/> rejects it.</summary>
    public bool Validate(EvalValue value, Schema accept) => ValidateElement(value, accept, new Location(value.Def, "", false));

    private bool Error(Location at, string message)
    {
        var summary = at.Prefix ? $"{at.RelativePath}: {message}" : message;
        Diagnostics.Add(Diagnostic.Error(summary, at.Expr.Syntax.Path, at.Expr.Syntax.Range));
        return false;
    }

    private static bool IsAny(Schema? s) => s is null || s.IsAlways;

    private bool ValidateElement(EvalValue value, Schema accept, Location at)
    {
        if (accept.Compile() is { } error)
        {
            return Error(at, $"internal error: invalid schema: {error}");
        }
        if (IsAny(accept))
        {
            return true;
        }
        if (accept.IsNever)
        {
            // The reference rejects silently here, which skips a provider call with no word why
            // (e.g. a property that "additionalProperties: false" does not allow); say it.
            return Error(at, "no value is allowed here");
        }
        if (value.Unknown)
        {
            return ValidateSchema(value.Schema, accept, at);
        }
        var refOk = accept.RefTarget is null || ValidateElement(value, accept.RefTarget, at);
        var anyOfOk = ValidateAnyOf(value, accept, at);
        var oneOfOk = ValidateOneOf(value, accept, at);
        var constOk = accept.Const is null || EqualsConst(value, accept.Const) || Error(at, $"expected {ConstText(accept.Const)}");
        var enumOk = ValidateEnum(value, accept, at);
        var typeOk = ValidateType(value, accept, at);
        return refOk && anyOfOk && oneOfOk && constOk && enumOk && typeOk;
    }

    // Nested values are blamed on their own definitions, as in the reference.
    private bool ValidateNested(EvalValue value, Schema? accept) =>
        IsAny(accept) || ValidateElement(value, accept!, new Location(value.Def, "", false));

    private bool ValidateAnyOf(EvalValue value, Schema accept, Location at)
    {
        if (accept.AnyOf is not { Count: > 0 })
        {
            return true;
        }
        var all = new List<Diagnostic>();
        var matched = false;
        foreach (var branch in accept.AnyOf)
        {
            var inner = new Validator();
            matched |= inner.ValidateElement(value, branch, at);
            all.AddRange(inner.Diagnostics);
        }
        if (matched)
        {
            return true;
        }
        Diagnostics.AddRange(all);
        return Error(at, "at least one subschema must match");
    }

    private bool ValidateOneOf(EvalValue value, Schema accept, Location at)
    {
        if (accept.OneOf is not { Count: > 0 })
        {
            return true;
        }
        var all = new List<Diagnostic>();
        var matched = false;
        foreach (var branch in accept.OneOf)
        {
            var inner = new Validator();
            if (inner.ValidateElement(value, branch, at))
            {
                if (matched)
                {
                    return Error(at, "exactly one subschema may match");
                }
                matched = true;
            }
            all.AddRange(inner.Diagnostics);
        }
        if (matched)
        {
            return true;
        }
        Diagnostics.AddRange(all);
        return Error(at, "exactly one subschema must match");
    }

    private bool ValidateEnum(EvalValue value, Schema accept, Location at)
    {
        if (accept.Enum is not { Count: > 0 } options)
        {
            return true;
        }
        if (options.Any(o => EqualsConst(value, o)))
        {
            return true;
        }
        return options.Count == 1
            ? Error(at, $"expected {ConstText(options[0])}")
            : Error(at, $"expected one of {ConstText(EscValue.FromArray(options))}");
    }

    private bool CheckType(string actual, Schema accept, Location at) =>
        accept.Type.Length == 0 || accept.Type == actual || Error(at, $"expected {accept.Type}, got {actual}");

    private bool ValidateType(EvalValue value, Schema accept, Location at)
    {
        switch (value.Kind)
        {
            case EscValueKind.Null:
                return CheckType("null", accept, at);
            case EscValueKind.Boolean:
                return CheckType("boolean", accept, at);
            case EscValueKind.Number:
                return CheckType("number", accept, at) && ValidateNumber(value.Text!, accept, at);
            case EscValueKind.String:
                return CheckType("string", accept, at) && ValidateString(value.Text!, accept, at);
            case EscValueKind.Array:
                return CheckType("array", accept, at) && ValidateArray(value.Items!, accept, at);
            default:
                return CheckType("object", accept, at) && ValidateObject(value, accept, at);
        }
    }

    private bool ValidateNumber(string text, Schema accept, Location at)
    {
        if (accept.Constraints is not { } c)
        {
            return true;
        }
        if (!DecimalNumber.TryParse(text, out var n))
        {
            return Error(at, $"internal error: invalid number \"{text}\"");
        }
        var ok = true;
        if (c.MultipleOfValue is { } m && !n.IsMultipleOf(m))
        {
            ok = Error(at, $"expected a multiple of {c.MultipleOf}");
        }
        if (c.MinimumValue is { } min && n.CompareTo(min) < 0)
        {
            ok = Error(at, $"expected a number greater than or equal to {c.Minimum}");
        }
        if (c.ExclusiveMinimumValue is { } xmin && n.CompareTo(xmin) <= 0)
        {
            ok = Error(at, $"expected a number greater than {c.ExclusiveMinimum}");
        }
        if (c.MaximumValue is { } max && n.CompareTo(max) > 0)
        {
            // The missing space is the reference's wording.
            ok = Error(at, $"expected a number less than or equal to{c.Maximum}");
        }
        if (c.ExclusiveMaximumValue is { } xmax && n.CompareTo(xmax) >= 0)
        {
            ok = Error(at, $"expected a number less than {c.ExclusiveMaximum}");
        }
        return ok;
    }

    private bool ValidateString(string text, Schema accept, Location at)
    {
        if (accept.Constraints is not { } c)
        {
            return true;
        }
        var ok = true;
        // Lengths count UTF-8 bytes, as the reference does.
        var bytes = (ulong)System.Text.Encoding.UTF8.GetByteCount(text);
        if (c.MinLengthValue is { } min && bytes < min)
        {
            ok = Error(at, $"expected a string of at least length {c.MinLength}");
        }
        if (c.MaxLengthValue is { } max && bytes > max)
        {
            ok = Error(at, $"expected a string of at most length {c.MaxLength}");
        }
        if (c.PatternValue is { } pattern && !pattern.IsMatch(text))
        {
            ok = Error(at, $"string must match the pattern {GoText.Quote(c.Pattern!)}");
        }
        return ok;
    }

    private bool ValidateArray(EvalValue[] items, Schema accept, Location at)
    {
        var ok = true;
        var c = accept.Constraints;
        if (c?.MinItemsValue is { } min && (ulong)items.Length < min)
        {
            ok = Error(at, $"expected an array with at least {c.MinItems} items");
        }
        if (c?.MaxItemsValue is { } max && (ulong)items.Length > max)
        {
            ok = Error(at, $"expected an array with at most {c.MaxItems} items");
        }
        for (var i = 0; i < items.Length; i++)
        {
            var itemSchema = accept.PrefixItems is { } prefix && i < prefix.Count ? prefix[i] : accept.Items;
            ok &= ValidateNested(items[i], itemSchema);
        }
        return ok;
    }

    private bool ValidateObject(EvalValue value, Schema accept, Location at)
    {
        var keys = value.Keys();
        var ok = true;
        var c = accept.Constraints;
        if (c?.MinPropertiesValue is { } min && (ulong)keys.Length < min)
        {
            ok = Error(at, $"expected an object with at least {c.MinProperties} properties");
        }
        if (c?.MaxPropertiesValue is { } max && (ulong)keys.Length > max)
        {
            ok = Error(at, $"expected an object with at most {c.MaxProperties} properties");
        }
        var keySet = new HashSet<string>(keys, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            var property = value.Property(value.Def.Syntax, key)!;
            var propertySchema = accept.Properties is { } props && props.TryGetValue(key, out var p) ? p : accept.AdditionalProperties;
            ok &= propertySchema is { IsNever: true }
                ? Error(new Location(property.Def, "", false), $"unknown property {GoText.Quote(key)}")
                : ValidateNested(property, propertySchema);
        }
        var missing = (accept.Required ?? []).Where(k => !keySet.Contains(k)).ToList();
        foreach (var (key, dependents) in c?.DependentRequired ?? [])
        {
            if (keySet.Contains(key))
            {
                missing.AddRange(dependents.Where(k => !keySet.Contains(k)));
            }
        }
        if (missing.Count > 0)
        {
            ok = Error(at, $"missing required properties: {string.Join(", ", missing)}");
        }
        return ok;
    }

    private static bool EqualsConst(EvalValue value, EscValue constant) => constant.Kind switch
    {
        EscValueKind.Null => value.Kind == EscValueKind.Null && !value.Unknown,
        EscValueKind.Boolean => value.Kind == EscValueKind.Boolean && value.Bool == constant.AsBoolean,
        // Numbers compare by their text, as in the reference (const 1.0 does not match 1).
        EscValueKind.Number => value.Kind == EscValueKind.Number && value.Text == constant.AsNumberText,
        EscValueKind.String => value.Kind == EscValueKind.String && value.Text == constant.AsString,
        EscValueKind.Array => value.Items is { } items && items.Length == constant.Items.Count
            && items.Zip(constant.Items).All(p => EqualsConst(p.First, p.Second)),
        _ => value.Props is { } props && props.Count == constant.Properties.Count
            && constant.Properties.All(p => props.TryGetValue(p.Key, out var v) && EqualsConst(v, p.Value)),
    };

    private static string ConstText(EscValue constant) =>
        GoText.TryEncodeJson(constant, int.MaxValue, out var json, out _) ? json : constant.ToJson(reveal: true);

    // Static checking of an unknown value: does the value's schema fit the accepted one?
    private bool ValidateSchema(Schema? x, Schema? accept, Location at)
    {
        if (IsAny(accept))
        {
            return true;
        }
        if (accept!.IsNever)
        {
            return false;
        }
        if (IsAny(x))
        {
            return true;
        }
        if (x!.IsNever)
        {
            return false;
        }
        var refOk = accept.RefTarget is null || ValidateSchema(x, accept.RefTarget, at);
        var xRefOk = x.RefTarget is null || ValidateSchema(x.RefTarget, accept, at);
        var xAnyOfOk = ValidateSchemaBranches(x.AnyOf, b => ValidateSchema(b, accept, at), at);
        var xOneOfOk = ValidateSchemaBranches(x.OneOf, b => ValidateSchema(b, accept, at), at);
        var typeOk = x.Type.Length == 0 || CheckType(x.Type, accept, at);
        // Both anyOf and oneOf of the accepted schema behave like anyOf here.
        var anyOfOk = ValidateSchemaBranches(accept.AnyOf, a => ValidateSchema(x, a, at), at);
        var oneOfOk = ValidateSchemaBranches(accept.OneOf, a => ValidateSchema(x, a, at), at);
        var complexOk = x.Type switch
        {
            "array" => ValidateSchemaArray(x, accept, at),
            "object" => ValidateSchemaObject(x, accept, at),
            _ => true,
        };
        return refOk && xRefOk && xAnyOfOk && xOneOfOk && typeOk && anyOfOk && oneOfOk && complexOk;
    }

    private bool ValidateSchemaBranches(List<Schema>? branches, Func<Schema, bool> check, Location at)
    {
        if (branches is not { Count: > 0 })
        {
            return true;
        }
        var all = new List<Diagnostic>();
        var matched = false;
        var outer = Diagnostics.Count;
        foreach (var branch in branches)
        {
            var before = Diagnostics.Count;
            matched |= check(branch);
            all.AddRange(Diagnostics.Skip(before));
            Diagnostics.RemoveRange(before, Diagnostics.Count - before);
        }
        _ = outer;
        if (matched)
        {
            return true;
        }
        Diagnostics.AddRange(all);
        return Error(at, "at least one subschema must match");
    }

    private bool ValidateSchemaArray(Schema x, Schema accept, Location at)
    {
        var ok = true;
        var xPrefix = x.PrefixItems ?? [];
        var aPrefix = accept.PrefixItems ?? [];
        var i = 0;
        for (; i < xPrefix.Count && i < aPrefix.Count; i++)
        {
            ok &= ValidateSchema(xPrefix[i], aPrefix[i], at.Index(i));
        }
        for (; i < xPrefix.Count; i++)
        {
            ok &= ValidateSchema(xPrefix[i], accept.Items, at.Index(i));
        }
        for (; i < aPrefix.Count; i++)
        {
            ok &= ValidateSchema(x.Items, aPrefix[i], at.Index(i));
        }
        if (x.Items is { IsNever: false })
        {
            ok &= ValidateSchema(x.Items, accept.Items, at);
        }
        return ok;
    }

    private bool ValidateSchemaObject(Schema x, Schema accept, Location at)
    {
        var ok = true;
        foreach (var (name, px) in x.Properties ?? [])
        {
            var pa = accept.Properties is { } props && props.TryGetValue(name, out var p) ? p : accept.AdditionalProperties;
            ok &= ValidateSchema(px, pa, at.Property(name));
        }
        if (x.AdditionalProperties is null)
        {
            var required = new HashSet<string>(x.Required ?? [], StringComparer.Ordinal);
            bool CheckRequired(IEnumerable<string> names)
            {
                var allPresent = true;
                foreach (var name in names)
                {
                    if (!required.Contains(name))
                    {
                        allPresent = Error(at.Property(name), "missing required property");
                    }
                }
                return allPresent;
            }
            ok &= CheckRequired(accept.Required ?? []);
            foreach (var (name, dependents) in accept.Constraints?.DependentRequired ?? [])
            {
                if (required.Contains(name))
                {
                    ok &= CheckRequired(dependents);
                }
            }
        }
        else if (!x.AdditionalProperties.IsNever)
        {
            ok &= ValidateSchema(x.AdditionalProperties, accept.AdditionalProperties, at);
        }
        return ok;
    }
}
