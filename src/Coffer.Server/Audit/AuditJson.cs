using System.Buffers;
using System.Text.Json;
using Coffer.Server.Environments;
using Coffer.Server.Storage;

namespace Coffer.Server.Audit;

/// <summary>Audit records as the API sends them, one JSON object each (also one line of an export).</summary>
internal static class AuditJson
{
    public static void Write(Utf8JsonWriter writer, string organizationName, AuditRecord record)
    {
        var e = record.Event;
        writer.WriteStartObject();
        writer.WriteNumber("sequence", record.Sequence);
        writer.WriteString("time", ApiTime.Format(e.Time));
        writer.WriteString("organization", organizationName);
        writer.WriteString("actor", e.Actor);
        writer.WriteString("tokenId", e.TokenId);
        writer.WriteString("clientAddress", e.ClientAddress);
        writer.WriteString("userAgent", e.UserAgent);
        writer.WriteString("action", e.Action);
        writer.WriteString("project", e.Project);
        writer.WriteString("environment", e.Environment);
        if (e.Revision is { } revision)
        {
            writer.WriteNumber("revision", revision);
        }
        else
        {
            writer.WriteNull("revision");
        }
        writer.WriteString("outcome", e.Outcome);
        writer.WritePropertyName("details");
        WriteDetails(writer, e.Details);
        writer.WriteString("previousHash", record.PreviousHash);
        writer.WriteString("hash", record.Hash);
        writer.WriteEndObject();
    }

    public static byte[] Page(string organizationName, Page<AuditRecord> page)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            foreach (var record in page.Items)
            {
                Write(writer, organizationName, record);
            }
            writer.WriteEndArray();
            if (page.Next is not null)
            {
                writer.WriteString("continuationToken", page.Next);
            }
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    // Details are written by the server as JSON objects; a row edited into something else still
    // renders (as a string), so the log stays readable while verify reports the tampering.
    private static void WriteDetails(Utf8JsonWriter writer, string details)
    {
        try
        {
            using var document = JsonDocument.Parse(details);
            document.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteStringValue(details);
        }
    }
}
