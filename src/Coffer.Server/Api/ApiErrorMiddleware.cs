using System.Text.Json;
using Coffer.Language.Values;
using Coffer.Server.Crypto;
using Coffer.Server.Storage;

namespace Coffer.Server.Api;

/// <summary>
/// Turns <see cref="ApiError"/>s, store conflicts and unexpected failures into
/// <c>{"code": status, "message": …}</c> responses — the shape every ESC client understands.
/// Unexpected failures are logged with a request id and answered 500 without internal details.
/// </summary>
public sealed class ApiErrorMiddleware(RequestDelegate next, ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (ApiError error) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, error.Status, error.Message, error.Diagnostics, error.RetryAfter);
        }
        catch (ConflictException conflict) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, StatusCodes.Status409Conflict, conflict.Message, null);
        }
        catch (RootKeyMismatchException mismatch) when (!context.Response.HasStarted)
        {
            // An operator's mistake, not a bug: say which keys are involved, without a stack trace.
            logger.LogError("cannot serve {Method} {Path}: {Reason}", context.Request.Method, context.Request.Path, mismatch.Message);
            await WriteAsync(context, StatusCodes.Status503ServiceUnavailable, mismatch.Message, null);
        }
        catch (Audit.AuditUnavailableException unavailable) when (!context.Response.HasStarted)
        {
            // Fail-closed: no answer without its audit record. The cause is logged by type only;
            // database messages may quote the values that were being written.
            logger.LogError("cannot serve {Method} {Path}: the audit log could not be written ({Cause}) (request {RequestId})",
                context.Request.Method, context.Request.Path, unavailable.InnerException?.GetType().Name, context.TraceIdentifier);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, $"{unavailable.Message} (request {context.TraceIdentifier})", null);
        }
        catch (BadHttpRequestException bad) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, bad.StatusCode, bad.Message, null);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            logger.LogError(ex, "unhandled {ExceptionType} serving {Method} {Path} (request {RequestId})", ex.GetType().Name, context.Request.Method, context.Request.Path, context.TraceIdentifier);
            context.Response.Headers["X-Pulumi-Request-ID"] = context.TraceIdentifier;
            await WriteAsync(context, StatusCodes.Status500InternalServerError, $"internal server error (request {context.TraceIdentifier})", null);
        }
    }

    public static async Task WriteAsync(HttpContext context, int status, string message, IReadOnlyList<Language.Diagnostics.Diagnostic>? diagnostics, TimeSpan? retryAfter = null)
    {
        context.Response.Clear();
        context.Response.StatusCode = status;
        if (retryAfter is { } wait)
        {
            // Whole seconds, rounded up: a client that waits exactly this long is let in.
            context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteNumber("code", status);
        writer.WriteString("message", message);
        if (diagnostics is not null)
        {
            writer.WritePropertyName("diagnostics");
            DiagnosticJson.WriteList(writer, diagnostics);
        }
        writer.WriteEndObject();
    }
}

/// <summary>Diagnostics as the API sends them: <c>{range?, summary, severity, path?}</c>.</summary>
public static class DiagnosticJson
{
    public static void WriteList(Utf8JsonWriter writer, IEnumerable<Language.Diagnostics.Diagnostic> diagnostics)
    {
        writer.WriteStartArray();
        foreach (var d in diagnostics)
        {
            writer.WriteStartObject();
            if (d.Range is { } range)
            {
                writer.WritePropertyName("range");
                ValueJson.WriteRange(writer, range);
            }
            writer.WriteString("summary", d.Summary);
            writer.WriteString("severity", d.IsError ? "error" : "warning");
            if (d.Path is not null)
            {
                writer.WriteString("path", d.Path);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
