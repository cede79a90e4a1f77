using Microsoft.AspNetCore.Http;

namespace Coffer.Emulators;

/// <summary>Google APIs' error shapes: REST <c>{"error": {code, message, status}}</c> and OAuth's for STS.</summary>
internal static class GoogleErrors
{
    public static IResult Rest(int code, string status, string message) => Results.Json(
        new Dictionary<string, object> { ["error"] = new Dictionary<string, object> { ["code"] = code, ["message"] = message, ["status"] = status } },
        statusCode: code);

    public static IResult Unauthenticated() => Rest(401, "UNAUTHENTICATED",
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.");

    public static IResult OAuth(int status, string error, string description) => Results.Json(
        new Dictionary<string, object> { ["error"] = error, ["error_description"] = description },
        statusCode: status);

    /// <summary>The bearer token of a request, or null.</summary>
    public static string? Bearer(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..] : null;
    }
}
