using System.Text.Json;
using Coffer.Cli.Output;
using Coffer.Client.Models;

namespace Coffer.Cli.Commands.Audit;

/// <summary>An audit event as the CLI's JSON output shows it: the API's fields, in the API's order.</summary>
internal static class AuditEventJson
{
    public static void Write(Utf8JsonWriter writer, AuditEvent e)
    {
        writer.WriteStartObject();
        writer.WriteNumber("sequence", e.Sequence);
        writer.WriteString("time", ListFormat.JsonTime(e.Time));
        writer.WriteString("organization", e.Organization);
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
        if (e.Details.ValueKind == JsonValueKind.Undefined)
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }
        else
        {
            e.Details.WriteTo(writer);
        }
        writer.WriteString("previousHash", e.PreviousHash);
        writer.WriteString("hash", e.Hash);
        writer.WriteEndObject();
    }
}
