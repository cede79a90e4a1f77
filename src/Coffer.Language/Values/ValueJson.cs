using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Coffer.Language.Syntax;

namespace Coffer.Language.Values;

/// <summary>How secret values are shown when rendering.</summary>
public enum ValueRendering
{
    /// <summary>Secrets are shown in plaintext.</summary>
    Revealed,

    /// <summary>Secrets are replaced by <c>"[secret]"</c>.</summary>
    Redacted,
}

/// <summary>JSON rendering and parsing of <see cref="EscValue"/>s.</summary>
public static class ValueJson
{
    /// <summary>The text that replaces a secret value when redacting.</summary>
    public const string SecretPlaceholder = "[secret]";

    /// <summary>The text that stands for an unknown value.</summary>
    public const string UnknownPlaceholder = "[unknown]";

    private static readonly JsonWriterOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions IndentedOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true, IndentSize = 2 };

    /// <summary>Renders plain JSON: secrets revealed or redacted, unknowns as <c>"[unknown]"</c>.</summary>
    public static string Render(EscValue value, ValueRendering rendering, bool indented = false) =>
        Write(writer => WritePlain(writer, value, rendering), indented);

    /// <summary>
    /// Renders the detailed form used by the REST API and <c>--format detailed</c>:
    /// <c>{"value": …, "secret": true?, "unknown": true?, "trace": {"def": Range, "base": Value}}</c>.
    /// </summary>
    public static string RenderDetailed(EscValue value, ValueRendering rendering, bool indented = false) =>
        Write(writer => WriteDetailed(writer, value, rendering), indented);

    /// <summary>Writes plain JSON of a value.</summary>
    public static void WritePlain(Utf8JsonWriter writer, EscValue value, ValueRendering rendering)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value.IsSecret && rendering == ValueRendering.Redacted)
        {
            writer.WriteStringValue(SecretPlaceholder);
            return;
        }
        if (value.IsUnknown)
        {
            writer.WriteStringValue(UnknownPlaceholder);
            return;
        }
        switch (value.Kind)
        {
            case EscValueKind.Null:
                writer.WriteNullValue();
                break;
            case EscValueKind.Boolean:
                writer.WriteBooleanValue(value.AsBoolean);
                break;
            case EscValueKind.Number:
                WriteNumber(writer, value.AsNumberText);
                break;
            case EscValueKind.String:
                writer.WriteStringValue(value.AsString);
                break;
            case EscValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in value.Items)
                {
                    WritePlain(writer, item, rendering);
                }
                writer.WriteEndArray();
                break;
            case EscValueKind.Object:
                writer.WriteStartObject();
                foreach (var (key, item) in value.Properties)
                {
                    writer.WritePropertyName(key);
                    WritePlain(writer, item, rendering);
                }
                writer.WriteEndObject();
                break;
        }
    }

    /// <summary>Writes the detailed form of a value (see <see cref="RenderDetailed"/>).</summary>
    public static void WriteDetailed(Utf8JsonWriter writer, EscValue value, ValueRendering rendering)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WritePropertyName("value");
        if (value.IsUnknown)
        {
            writer.WriteNullValue();
        }
        else if (value.IsSecret && rendering == ValueRendering.Redacted)
        {
            writer.WriteStringValue(SecretPlaceholder);
        }
        else
        {
            switch (value.Kind)
            {
                case EscValueKind.Array:
                    writer.WriteStartArray();
                    foreach (var item in value.Items)
                    {
                        WriteDetailed(writer, item, rendering);
                    }
                    writer.WriteEndArray();
                    break;
                case EscValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var (key, item) in value.Properties)
                    {
                        writer.WritePropertyName(key);
                        WriteDetailed(writer, item, rendering);
                    }
                    writer.WriteEndObject();
                    break;
                default:
                    WritePlain(writer, value, ValueRendering.Revealed);
                    break;
            }
        }
        if (value.IsSecret)
        {
            writer.WriteBoolean("secret", true);
        }
        if (value.IsUnknown)
        {
            writer.WriteBoolean("unknown", true);
        }
        writer.WritePropertyName("trace");
        writer.WriteStartObject();
        if (value.Trace?.Definition is { } def)
        {
            writer.WritePropertyName("def");
            WriteRange(writer, def);
        }
        if (value.Trace?.Base is { } baseValue)
        {
            writer.WritePropertyName("base");
            WriteDetailed(writer, baseValue, rendering);
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Writes a source range as <c>{environment, begin: {line, column, byte}, end: {…}}</c>.</summary>
    public static void WriteRange(Utf8JsonWriter writer, SourceRange range)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(range);
        writer.WriteStartObject();
        writer.WriteString("environment", range.Environment);
        WritePosition(writer, "begin", range.Begin);
        WritePosition(writer, "end", range.End);
        writer.WriteEndObject();
    }

    private static void WritePosition(Utf8JsonWriter writer, string name, SourcePosition position)
    {
        writer.WritePropertyName(name);
        writer.WriteStartObject();
        writer.WriteNumber("line", position.Line);
        writer.WriteNumber("column", position.Column);
        writer.WriteNumber("byte", position.Byte);
        writer.WriteEndObject();
    }

    // Number text is kept as written; text that is not a JSON number (NaN, +Inf) is written as a string.
    private static void WriteNumber(Utf8JsonWriter writer, string text)
    {
        if (IsJsonNumber(text) && writer.Options.Indented)
        {
            // WriteRawValue skips the indentation an indented writer puts before array items
            // ("[1,2\n]"); a JsonElement writes the same number text with it.
            using var number = JsonDocument.Parse(text);
            number.RootElement.WriteTo(writer);
        }
        else if (IsJsonNumber(text))
        {
            writer.WriteRawValue(text, skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }

    internal static bool IsJsonNumber(string text)
    {
        var i = 0;
        if (i < text.Length && text[i] == '-')
        {
            i++;
        }
        if (i >= text.Length || !char.IsAsciiDigit(text[i]))
        {
            return false;
        }
        if (text[i] == '0')
        {
            i++;
        }
        else
        {
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }
        if (i < text.Length && text[i] == '.')
        {
            i++;
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            if (i == start)
            {
                return false;
            }
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
            if (i == start)
            {
                return false;
            }
        }
        return i == text.Length;
    }

    private static string Write(Action<Utf8JsonWriter> write, bool indented)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, indented ? IndentedOptions : CompactOptions))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Parses JSON text into a value; numbers keep their text. Throws <see cref="FormatException"/>.</summary>
    public static EscValue Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!GoJsonDecoder.TryDecode(json, 512, out var value, out var error, out var rest) || rest.Trim().Length != 0)
        {
            throw new FormatException(error ?? "unexpected text after the JSON value");
        }
        return value;
    }

    /// <summary>Converts a <see cref="JsonElement"/> into a value; numbers keep their text.</summary>
    public static EscValue FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => EscValue.Null,
        JsonValueKind.True => EscValue.True,
        JsonValueKind.False => EscValue.False,
        JsonValueKind.Number => EscValue.FromNumberText(element.GetRawText()),
        JsonValueKind.String => EscValue.FromString(element.GetString()!),
        JsonValueKind.Array => EscValue.FromArray(element.EnumerateArray().Select(FromElement)),
        _ => EscValue.FromObject(element.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, FromElement(p.Value)))),
    };
}
