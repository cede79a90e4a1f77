using System.Globalization;
using Coffer.Server.Api;

namespace Coffer.Server.Audit;

/// <summary>
/// The filters of <c>GET /api/orgs/{org}/audit</c> and its export, from the query string. Anything
/// malformed is a 400 naming the parameter; nothing reaches the database unchecked.
/// </summary>
internal static class AuditQueryParameters
{
    public const int DefaultCount = 100;
    public const int MaxCount = 1000;
    private const int MaxTextLength = 256;

    public static AuditQuery Parse(HttpContext context)
    {
        var from = Time(context, "from");
        var to = Time(context, "to");
        if (from is not null && to is not null && from > to)
        {
            throw ApiError.BadRequest("from must not be after to");
        }
        string? project = null;
        string? environment = null;
        if (Text(context, "environment") is { } qualified)
        {
            var parts = qualified.Split('/');
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                throw ApiError.BadRequest("environment must be project/name, such as payments/prod");
            }
            (project, environment) = (parts[0], parts[1]);
        }
        var outcome = Text(context, "outcome");
        if (outcome is not null && !AuditOutcomes.All.Contains(outcome))
        {
            throw ApiError.BadRequest($"outcome must be one of {string.Join(", ", AuditOutcomes.All)}");
        }
        return new AuditQuery(from, to, Text(context, "actor"), project, environment, Text(context, "action"), outcome);
    }

    public static int Count(HttpContext context)
    {
        var count = context.QueryInt("count") ?? DefaultCount;
        return count is < 1 or > MaxCount ? throw ApiError.BadRequest($"count must be between 1 and {MaxCount}") : count;
    }

    private static string? Text(HttpContext context, string name)
    {
        var text = context.QueryString(name);
        return text is { Length: > MaxTextLength } ? throw ApiError.BadRequest($"query parameter {name} is longer than {MaxTextLength} characters") : text;
    }

    /// <summary>An RFC 3339 time (<c>2026-01-02T15:04:05Z</c>) or unix seconds.</summary>
    private static DateTimeOffset? Time(HttpContext context, string name)
    {
        var text = Text(context, name);
        if (text is null)
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= 253402300799)
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }
        if (text.Contains('T', StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }
        throw ApiError.BadRequest($"{name} must be an RFC 3339 time such as 2026-01-02T15:04:05Z, or unix seconds");
    }
}
