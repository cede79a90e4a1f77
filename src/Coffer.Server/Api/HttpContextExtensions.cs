using System.Globalization;
using Coffer.Server.Auth;

namespace Coffer.Server.Api;

/// <summary>Request helpers shared by the endpoints.</summary>
public static class HttpContextExtensions
{
    /// <summary>The authenticated caller; the authentication middleware guarantees one on API routes.</summary>
    public static Caller Caller(this HttpContext context) =>
        context.Features.Get<Caller>() ?? throw new InvalidOperationException("no authenticated caller on this request");

    /// <summary>Parses an optional integer query value leniently: empty means absent, garbage is a 400.</summary>
    public static int? QueryInt(this HttpContext context, string name)
    {
        var text = context.Request.Query[name].ToString();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw ApiError.BadRequest($"query parameter {name} must be an integer, not \"{text}\"");
    }

    public static bool QueryBool(this HttpContext context, string name)
    {
        var text = context.Request.Query[name].ToString();
        return text.Length > 0 && (bool.TryParse(text, out var value) ? value : throw ApiError.BadRequest($"query parameter {name} must be true or false"));
    }

    public static string? QueryString(this HttpContext context, string name)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            // Query values reach the database (as page positions); PostgreSQL text cannot hold NUL.
            throw ApiError.BadRequest($"query parameter {name} must not contain NUL characters");
        }
        return text.Length == 0 ? null : text;
    }
}
