using System.Text.Json;
using Coffer.Language.Syntax;
using Coffer.Language.Values;

namespace Coffer.Language.Declarations;

/// <summary>
/// Writes a definition's values as ESC's expression tree (the <c>exprs</c> of a checked environment):
/// each expression with its source range and one of <c>literal</c>, <c>interpolate</c>,
/// <c>symbol</c>, <c>list</c>, <c>object</c> (with <c>keyRanges</c>) or <c>builtin</c>. The esc CLI
/// walks this tree to show where a value is defined (<c>esc env get ENV PATH</c>).
/// </summary>
public static class ExprJson
{
    private static readonly SourceRange NoRange = new("", default, default);

    /// <summary>Writes <c>{name: Expr}</c> for the top-level values of <paramref name="definition"/>.</summary>
    public static void WriteExprs(Utf8JsonWriter writer, EnvironmentDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(definition);
        WriteObjectEntries(writer, definition.Values, secret: false);
    }

    // Inside fn::secret the literals are left out: the tree is for locating definitions, and a
    // response should not carry a plaintext secret back even to the caller who sent it.
    private static void WriteExpr(Utf8JsonWriter writer, Expr expr, bool secret)
    {
        writer.WriteStartObject();
        writer.WritePropertyName("range");
        ValueJson.WriteRange(writer, expr.Range ?? NoRange);
        switch (expr)
        {
            case NullExpr:
                // ESC omits a null literal.
                break;
            case BooleanExpr or NumberExpr or StringExpr when secret:
                break;
            case BooleanExpr boolean:
                writer.WriteBoolean("literal", boolean.Value);
                break;
            case NumberExpr number:
                writer.WritePropertyName("literal");
                writer.WriteRawValue(number.Text);
                break;
            case StringExpr text:
                writer.WriteString("literal", text.Value);
                break;
            case InterpolateExpr interpolate:
                writer.WritePropertyName("interpolate");
                writer.WriteStartArray();
                foreach (var part in interpolate.Parts)
                {
                    writer.WriteStartObject();
                    if (part.Text.Length > 0 && !secret)
                    {
                        writer.WriteString("text", part.Text);
                    }
                    if (part.Access is { } access)
                    {
                        WriteAccessors(writer, "value", access);
                    }
                    writer.WriteEndObject();
                }
                writer.WriteEndArray();
                break;
            case SymbolExpr symbol:
                WriteAccessors(writer, "symbol", symbol.Access);
                break;
            case ArrayExpr array:
                writer.WritePropertyName("list");
                writer.WriteStartArray();
                foreach (var element in array.Elements)
                {
                    WriteExpr(writer, element, secret);
                }
                writer.WriteEndArray();
                break;
            case ObjectExpr obj:
                writer.WritePropertyName("keyRanges");
                writer.WriteStartObject();
                var ranged = new HashSet<string>(StringComparer.Ordinal);
                foreach (var entry in obj.Entries)
                {
                    if (entry.Key is { } key && ranged.Add(key.Value))
                    {
                        writer.WritePropertyName(key.Value);
                        ValueJson.WriteRange(writer, key.Range ?? NoRange);
                    }
                }
                writer.WriteEndObject();
                writer.WritePropertyName("object");
                WriteObjectEntries(writer, obj.Entries, secret);
                break;
            case BuiltinExpr builtin:
                writer.WritePropertyName("builtin");
                writer.WriteStartObject();
                writer.WriteString("name", builtin.Name.Value);
                writer.WritePropertyName("nameRange");
                ValueJson.WriteRange(writer, builtin.Name.Range ?? NoRange);
                writer.WritePropertyName("argSchema");
                writer.WriteStartObject();
                writer.WriteEndObject();
                writer.WritePropertyName("arg");
                WriteExpr(writer, builtin.Args, secret || builtin is SecretExpr);
                writer.WriteEndObject();
                break;
        }
        writer.WriteEndObject();
    }

    private static void WriteObjectEntries(Utf8JsonWriter writer, IReadOnlyList<ObjectProperty> entries, bool secret)
    {
        writer.WriteStartObject();
        var written = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            // Keys that are not strings, and duplicates, were reported as errors; the first one counts, as in evaluation.
            if (entry.Key is { } key && written.Add(key.Value))
            {
                writer.WritePropertyName(key.Value);
                WriteExpr(writer, entry.Value, secret);
            }
        }
        writer.WriteEndObject();
    }

    private static void WriteAccessors(Utf8JsonWriter writer, string name, PropertyAccess access)
    {
        writer.WritePropertyName(name);
        writer.WriteStartArray();
        foreach (var accessor in access.Accessors)
        {
            writer.WriteStartObject();
            switch (accessor)
            {
                case PropertySubscript { Index: int index }:
                    writer.WriteNumber("index", index);
                    break;
                case var keyed when keyed.TryGetKey(out var key):
                    writer.WriteString("key", key);
                    break;
            }
            writer.WritePropertyName("range");
            ValueJson.WriteRange(writer, accessor.Range ?? NoRange);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
