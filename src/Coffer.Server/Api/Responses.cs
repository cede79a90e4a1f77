using System.Globalization;
using System.Text;

namespace Coffer.Server.Api;

/// <summary>Responses that carry more than JSON: definitions as YAML with revision headers, pre-rendered JSON.</summary>
public static class Responses
{
    /// <summary>A definition: YAML with <c>ETag</c> and <c>Pulumi-ESC-Revision</c> (the esc CLI needs both).</summary>
    public static IResult Definition(string yaml, int revision, string etag) => new DefinitionResult(yaml, revision, etag);

    /// <summary>JSON already rendered (evaluated environments are written with their own writer).</summary>
    public static IResult RawJson(byte[] json, int status = StatusCodes.Status200OK) => new RawJsonResult(json, status);

    /// <summary>The ETag of a revision, as sent to and compared with clients.</summary>
    public static string ETag(int revision) => "\"" + revision.ToString(CultureInfo.InvariantCulture) + "\"";

    private sealed class DefinitionResult(string yaml, int revision, string etag) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/x-yaml";
            context.Response.Headers.ETag = etag;
            context.Response.Headers["Pulumi-ESC-Revision"] = revision.ToString(CultureInfo.InvariantCulture);
            if (HttpMethods.IsHead(context.Request.Method))
            {
                return Task.CompletedTask;
            }
            return context.Response.WriteAsync(yaml, Encoding.UTF8);
        }
    }

    private sealed class RawJsonResult(byte[] json, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = json.Length;
            return context.Response.Body.WriteAsync(json).AsTask();
        }
    }
}
