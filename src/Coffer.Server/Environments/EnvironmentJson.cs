using System.Buffers;
using System.Text.Json;
using Coffer.Language;
using Coffer.Language.Declarations;
using Coffer.Language.Values;

namespace Coffer.Server.Environments;

/// <summary>
/// The evaluated environment as the API sends it: <c>{"properties": {name: Value}, "executionContext":
/// {"properties": …}}</c>, where a Value is <c>{"value", "secret"?, "unknown"?, "trace"}</c>. An
/// environment that defines nothing is exactly <c>{}</c>.
/// </summary>
public static class EnvironmentJson
{
    /// <summary>
    /// Writes an evaluated environment. For a check response, pass the <paramref name="checkedDefinition"/>:
    /// its expression tree (<c>exprs</c>, which the esc CLI needs for <c>env get ENV PATH</c>) and the
    /// warnings are included too.
    /// </summary>
    public static byte[] Write(EvaluationResult result, ValueRendering rendering, EnvironmentDefinition? checkedDefinition = null)
    {
        // Every open renders its environment: the buffer and writer are reused by the thread rather
        // than allocated each time (the buffer stays as large as the largest environment it wrote,
        // up to MaxReusedBytes).
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(16 * 1024);
        var writer = t_writer ??= new Utf8JsonWriter(buffer);
        writer.Reset(buffer);
        try
        {
            writer.WriteStartObject();
            if (checkedDefinition is { IsEmpty: false })
            {
                writer.WritePropertyName("exprs");
                ExprJson.WriteExprs(writer, checkedDefinition);
            }
            if (result.Value is { Properties.Count: > 0 } value)
            {
                WriteProperties(writer, "properties", value, rendering);
                writer.WritePropertyName("executionContext");
                writer.WriteStartObject();
                WriteProperties(writer, "properties", result.ExecutionContext, ValueRendering.Revealed);
                writer.WriteEndObject();
            }
            var warnings = result.Diagnostics.Where(d => !d.IsError).ToList();
            if (checkedDefinition is not null && warnings.Count > 0)
            {
                writer.WritePropertyName("diagnostics");
                Api.DiagnosticJson.WriteList(writer, warnings);
            }
            writer.WriteEndObject();
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            // Zeroed, not just reset: the rendering may hold revealed secrets.
            buffer.Clear();
            if (buffer.Capacity > MaxReusedBytes)
            {
                t_buffer = null;
                t_writer = null;
            }
        }
    }

    private const int MaxReusedBytes = 1024 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private static void WriteProperties(Utf8JsonWriter writer, string name, EscValue value, ValueRendering rendering)
    {
        writer.WritePropertyName(name);
        writer.WriteStartObject();
        foreach (var (key, property) in value.Properties)
        {
            writer.WritePropertyName(key);
            ValueJson.WriteDetailed(writer, property, rendering);
        }
        writer.WriteEndObject();
    }
}
