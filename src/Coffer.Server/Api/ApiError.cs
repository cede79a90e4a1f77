using Coffer.Language.Diagnostics;

namespace Coffer.Server.Api;

/// <summary>
/// A request that cannot be served, with the status and message the client gets as
/// <c>{"code": status, "message": …}</c>. Thrown by endpoints and services and turned into a
/// response in one place (<see cref="ApiErrorMiddleware"/>), so no user error becomes a 500.
/// </summary>
public sealed class ApiError(int status, string message, IReadOnlyList<Diagnostic>? diagnostics = null) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>Diagnostics of a definition that failed to check (sent with 400s).</summary>
    public IReadOnlyList<Diagnostic>? Diagnostics { get; } = diagnostics;

    /// <summary>For 429: how long the client should wait, sent as <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    public static ApiError TooManyRequests(string message, TimeSpan retryAfter) =>
        new(StatusCodes.Status429TooManyRequests, message) { RetryAfter = retryAfter };

    public static ApiError BadRequest(string message) => new(StatusCodes.Status400BadRequest, message);

    public static ApiError NotFound(string message) => new(StatusCodes.Status404NotFound, message);

    public static ApiError Conflict(string message) => new(StatusCodes.Status409Conflict, message);

    public static ApiError Forbidden(string message) => new(StatusCodes.Status403Forbidden, message);

    public static ApiError NotImplemented(string message) => new(StatusCodes.Status501NotImplemented, message);

    public static ApiError InvalidDefinition(IReadOnlyList<Diagnostic> diagnostics) =>
        new(StatusCodes.Status400BadRequest, DefinitionMessage(diagnostics), diagnostics);

    private static string DefinitionMessage(IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(d => d.IsError).ToList();
        return errors.Count == 1 ? $"the definition has an error: {errors[0].Summary}" : $"the definition has {errors.Count} errors";
    }
}
