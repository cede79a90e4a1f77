using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Coffer.Cli.CommandLine;

namespace Coffer.Cli.Output;

/// <summary>
/// Output of the commands that list or describe things: text for people (aligned columns) or,
/// with <c>--format json</c>, 2-space indented JSON for scripts.
/// </summary>
internal static class ListFormat
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, IndentSize = 2, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static bool IsJson(string format) => format switch
    {
        "json" => true,
        "text" => false,
        _ => throw new CommandFailure($"unknown output format \"{format}\": expected text or json"),
    };

    /// <summary>JSON written by <paramref name="write"/>, with a final newline.</summary>
    public static string Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>A table: a header row and aligned columns separated by two spaces; the last column is not padded.</summary>
    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in all)
        {
            for (var i = 0; i < row.Count; i++)
            {
                text.Append(i == row.Count - 1 ? row[i] : row[i].PadRight(widths[i] + 2));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A time as JSON output shows it: RFC 3339 in UTC, or null.</summary>
    public static string? JsonTime(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A time as the text output shows it: UTC, to the second.</summary>
    public static string Time(DateTimeOffset? time) =>
        time is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture) : "-";

    /// <summary>A time in UTC (as <see cref="Time(DateTimeOffset?)"/>) or, unless <paramref name="utc"/>, in local time with its offset.</summary>
    public static string Time(DateTimeOffset? time, bool utc) =>
        utc || time is null
            ? Time(time)
            : time.Value.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture);
}
