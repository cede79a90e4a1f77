using Coffer.Language.Diagnostics;
using Coffer.Language.Syntax;

namespace Coffer.Language.Declarations;

/// <summary>
/// Turns syntax nodes into expressions: literals, interpolations, references, arrays, objects and
/// built-in calls. Problems are load diagnostics; the faulty part is kept in a form that evaluates
/// to unknown so the rest of the definition can still be checked.
/// </summary>
internal sealed class ExprParser(List<Diagnostic> diagnostics)
{
    public Expr Parse(SyntaxNode node) => node switch
    {
        NullNode => new NullExpr(node),
        BooleanNode b => new BooleanExpr(node, b.Value),
        NumberNode n => new NumberExpr(node, n.Text),
        StringNode s => ParseString(s),
        ArrayNode a => new ArrayExpr(node, a.Items.Select(Parse).ToArray()),
        ObjectNode o => ParseObject(o),
        _ => throw new InvalidOperationException($"unexpected syntax node {node.GetType().Name}"),
    };

    private Expr ParseString(StringNode node)
    {
        var parts = InterpolationParser.Parse(node, diagnostics);
        return parts.Count switch
        {
            0 => new StringExpr(node, ""),
            1 when parts[0].Access is null => new StringExpr(node, parts[0].Text),
            1 when parts[0].Text.Length == 0 => new SymbolExpr(node, parts[0].Access!),
            _ => new InterpolateExpr(node, parts),
        };
    }

    private Expr ParseObject(ObjectNode node)
    {
        if (node.Entries.Count == 1 && node.Entries[0].Key is StringNode key)
        {
            if (TryParseBuiltin(node, key, node.Entries[0].Value) is { } call)
            {
                return call;
            }
        }
        else
        {
            foreach (var entry in node.Entries)
            {
                if (entry.Key is StringNode k && k.Value.StartsWith("fn::", StringComparison.Ordinal))
                {
                    Error(node, $"illegal call to builtin function: \"{k.Value}\" must be the only key within its containing object");
                }
            }
        }

        var properties = new List<ObjectProperty>(node.Entries.Count);
        foreach (var entry in node.Entries)
        {
            var keyExpr = Parse(entry.Key);
            var value = Parse(entry.Value);
            if (keyExpr is StringExpr literal)
            {
                properties.Add(new ObjectProperty(literal, value));
            }
            else
            {
                Error(entry.Key, "object keys must be strings");
            }
        }
        return new ObjectExpr(node, properties);
    }

    private Expr? TryParseBuiltin(ObjectNode node, StringNode keyNode, SyntaxNode argsNode)
    {
        var key = keyNode.Value;
        var isBuiltin = key is BuiltinNames.Open or BuiltinNames.Rotate or BuiltinNames.Secret or BuiltinNames.Join
            or BuiltinNames.Split or BuiltinNames.Concat or BuiltinNames.ToJson or BuiltinNames.FromJson
            or BuiltinNames.ToBase64 or BuiltinNames.FromBase64 or BuiltinNames.ToStringCall or BuiltinNames.Final
            or BuiltinNames.Validate
            || key.StartsWith(BuiltinNames.OpenPrefix, StringComparison.Ordinal)
            || key.StartsWith(BuiltinNames.RotatePrefix, StringComparison.Ordinal);
        if (!isBuiltin)
        {
            if (BuiltinNames.HasReservedPrefix(key))
            {
                diagnostics.Add(Diagnostic.Error("'fn::' is a reserved prefix", node.Path, keyNode.Range));
            }
            return null;
        }

        var name = new StringExpr(keyNode, key);
        var args = Parse(argsNode);
        return key switch
        {
            BuiltinNames.Open => ParseOpen(node, name, args),
            BuiltinNames.Rotate => ParseRotate(node, name, args, provider: null),
            BuiltinNames.Secret => ParseSecret(node, name, args),
            BuiltinNames.Join or BuiltinNames.Split => ParsePair(node, name, args),
            BuiltinNames.Validate => ParseValidate(node, name, args),
            BuiltinNames.Concat => ParseConcat(node, name, args),
            _ when key.StartsWith(BuiltinNames.OpenPrefix, StringComparison.Ordinal) =>
                new OpenExpr(node, name, args, new StringExpr(keyNode, key[BuiltinNames.OpenPrefix.Length..]), args),
            _ when key.StartsWith(BuiltinNames.RotatePrefix, StringComparison.Ordinal) =>
                ParseRotate(node, name, args, new StringExpr(keyNode, key[BuiltinNames.RotatePrefix.Length..])),
            _ => new UnaryBuiltinExpr(node, name, args),
        };
    }

    private OpenExpr ParseOpen(ObjectNode node, StringExpr name, Expr args)
    {
        if (args is not ObjectExpr obj)
        {
            Error(args, "the argument to fn::open must be an object containing 'provider' and 'inputs'");
            return new OpenExpr(node, name, args, null, null);
        }
        var provider = ParseProviderName(obj);
        var inputs = Field(obj, "inputs");
        if (inputs is null)
        {
            Error(obj, "missing provider inputs ('inputs')");
        }
        return new OpenExpr(node, name, args, provider, inputs);
    }

    private RotateExpr ParseRotate(ObjectNode node, StringExpr name, Expr args, StringExpr? provider)
    {
        if (args is not ObjectExpr obj)
        {
            Error(args, provider is null
                ? "the argument to fn::rotate must be an object containing 'provider', 'inputs' and 'state'"
                : "the argument to fn::rotate must be an object containing 'inputs' and 'state'");
            return new RotateExpr(node, name, args, null, null, null);
        }
        provider ??= ParseProviderName(obj);
        var inputs = Field(obj, "inputs");
        if (inputs is null)
        {
            Error(obj, "missing provider inputs ('inputs')");
        }
        var state = Field(obj, "state");
        if (state is null)
        {
            state = new NullExpr(new NullNode(null, PathText.JoinKey(obj.Path, "state")));
        }
        else if (state is not ObjectExpr)
        {
            Error(state, "rotation state must be an object literal");
        }
        return new RotateExpr(node, name, args, provider, inputs, state);
    }

    private StringExpr? ParseProviderName(ObjectExpr obj)
    {
        var provider = Field(obj, "provider");
        if (provider is StringExpr name)
        {
            return name;
        }
        Error(provider ?? obj, provider is null ? "missing provider name ('provider')" : "provider name must be a string literal");
        return null;
    }

    private SecretExpr ParseSecret(ObjectNode node, StringExpr name, Expr args)
    {
        if (args is ObjectExpr { Entries: [{ Key.Value: "ciphertext", Value: StringExpr ciphertext }] })
        {
            return new SecretExpr(node, name, args, null, ciphertext);
        }
        if (args is StringExpr plaintext)
        {
            return new SecretExpr(node, name, args, plaintext, null);
        }
        Error(args, "secret values must be string literals");
        return new SecretExpr(node, name, args, new StringExpr(new StringNode(null, args.Path, ""), ""), null);
    }

    private BinaryBuiltinExpr ParsePair(ObjectNode node, StringExpr name, Expr args)
    {
        if (args is ArrayExpr { Elements.Count: 2 } list)
        {
            return new BinaryBuiltinExpr(node, name, args, list.Elements[0], list.Elements[1]);
        }
        Error(args, $"the argument to {name.Value} must be a two-valued list");
        return new BinaryBuiltinExpr(node, name, args, null, null);
    }

    private UnaryBuiltinExpr ParseConcat(ObjectNode node, StringExpr name, Expr args)
    {
        if (args is not ArrayExpr)
        {
            Error(args, "the argument to fn::concat must be an array of arrays");
        }
        return new UnaryBuiltinExpr(node, name, args);
    }

    private BinaryBuiltinExpr ParseValidate(ObjectNode node, StringExpr name, Expr args)
    {
        if (args is not ObjectExpr obj)
        {
            Error(args, "the argument to fn::validate must be an object containing 'schema' and 'value'");
            return new BinaryBuiltinExpr(node, name, args, null, null);
        }
        var schema = Field(obj, "schema");
        var value = Field(obj, "value");
        if (schema is null)
        {
            Error(obj, "missing required property 'schema'");
        }
        if (value is null)
        {
            Error(obj, "missing required property 'value'");
        }
        return new BinaryBuiltinExpr(node, name, args, schema, value);
    }

    private static Expr? Field(ObjectExpr obj, string key)
    {
        Expr? found = null;
        foreach (var entry in obj.Entries)
        {
            if (entry.Key?.Value == key)
            {
                found = entry.Value;
            }
        }
        return found;
    }

    private void Error(Expr expr, string summary) => Error(expr.Syntax, summary);

    private void Error(SyntaxNode node, string summary) =>
        diagnostics.Add(Diagnostic.Error(summary, node.Path, node.Range));
}
