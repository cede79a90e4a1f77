using System.Net;

namespace Coffer.Providers.Http;

/// <summary>
/// A remote service's answer, read whole, with the service's error code when it reported one.
/// </summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The response body.</param>
/// <param name="ErrorCode">The service's error code (for example <c>ThrottlingException</c>), or null on success.</param>
/// <param name="ErrorMessage">The service's error message, if any.</param>
/// <param name="IsTransient">True when trying again may succeed (throttling, 5xx).</param>
internal sealed record RemoteResponse(HttpStatusCode Status, byte[] Body, string? ErrorCode, string? ErrorMessage, bool IsTransient)
{
    public bool IsSuccess => (int)Status is >= 200 and < 300;
}
