using System.Net;
using System.Text.Json;

namespace Coffer.Server.Tests.Support;

/// <summary>
/// Checks every response the tests receive against the API's error contract, so no test has to
/// remember to: an error (4xx/5xx) is <c>{"code": status, "message": "…"}</c> (plus
/// <c>diagnostics</c> on a 400) as <c>application/json</c> — never ProblemDetails, never empty — and
/// nothing is ever a 500. A response that breaks it fails the request with
/// <see cref="ErrorContractViolation"/>.
/// </summary>
public sealed class ErrorResponseContract(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var status = (int)response.StatusCode;
        if (status < 400)
        {
            return response;
        }
        var what = $"{request.Method} {request.RequestUri?.PathAndQuery} answered {status}";
        if (response.StatusCode == HttpStatusCode.InternalServerError)
        {
            throw new ErrorContractViolation($"{what}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
        if (request.Method == HttpMethod.Head)
        {
            return response; // HEAD responses carry no body.
        }
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            throw new ErrorContractViolation($"{what} with Content-Type {response.Content.Headers.ContentType?.ToString() ?? "(none)"}: {body}");
        }
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var keys = root.ValueKind == JsonValueKind.Object ? root.EnumerateObject().Select(p => p.Name).ToList() : [];
            var allowed = status == 400 ? (string[])["code", "message", "diagnostics"] : ["code", "message"];
            if (!root.TryGetProperty("code", out var code) || code.ValueKind != JsonValueKind.Number || code.GetInt32() != status
                || !root.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.String || message.GetString()!.Length == 0
                || keys.Except(allowed).Any())
            {
                throw new ErrorContractViolation($"{what} with a body that is not {{code: {status}, message}}: {body}");
            }
        }
        catch (JsonException)
        {
            throw new ErrorContractViolation($"{what} with a body that is not JSON: {body}");
        }
        return response;
    }
}

/// <summary>A response broke the API's error contract (see <see cref="ErrorResponseContract"/>).</summary>
public sealed class ErrorContractViolation(string message) : Exception(message);
