using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Coffer.Emulators;

/// <summary>The JSON 1.1 protocol's answers, as Secrets Manager and SSM write them.</summary>
public static class AwsJsonProtocol
{
    public const string ContentType = "application/x-amz-json-1.1";

    public static IResult Error(string code, string message, int status = 400) => new JsonAnswer(
        status,
        JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = code, ["message"] = message }),
        code);

    public static IResult Ok(object body) => new JsonAnswer(200, JsonSerializer.Serialize(body), null);

    private sealed class JsonAnswer(int status, string json, string? errorType) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.ContentType = ContentType;
            httpContext.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
            if (errorType is not null)
            {
                httpContext.Response.Headers["x-amzn-ErrorType"] = errorType;
            }
            await httpContext.Response.WriteAsync(json);
        }
    }
}
