using System.Net;
using System.Text.Json;

namespace Coffer.Providers.Aws;

/// <summary>Reading and classifying the errors AWS services answer with.</summary>
internal static class AwsServiceError
{
    // Error codes AWS documents as throttling or as transient server trouble: retried with backoff.
    private static readonly HashSet<string> TransientCodes = new(StringComparer.Ordinal)
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "ProvisionedThroughputExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "TransactionInProgressException",
        "InternalFailure",
        "InternalError",
        "InternalServiceError",
        "InternalServerError",
        "ServiceUnavailable",
        "ServiceUnavailableException",
        "IDPCommunicationError",
    };

    public static bool IsTransient(HttpStatusCode status, string? code) =>
        (int)status >= 500 || status == HttpStatusCode.TooManyRequests || (code is not null && TransientCodes.Contains(code));

    /// <summary>
    /// The code and message of a JSON-protocol error body: <c>{"__type": "...#Code", "message": "..."}</c>
    /// (some services write <c>Message</c>). The <c>x-amzn-ErrorType</c> header wins when present.
    /// </summary>
    public static (string? Code, string? Message) ReadJsonError(HttpResponseMessage response, byte[] body)
    {
        string? code = null;
        string? message = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        continue;
                    }
                    if (property.NameEquals("__type") || property.NameEquals("code"))
                    {
                        code ??= property.Value.GetString();
                    }
                    else if (property.Name.Equals("message", StringComparison.OrdinalIgnoreCase))
                    {
                        message ??= property.Value.GetString();
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page): the status alone describes the failure.
        }
        if (response.Headers.TryGetValues("x-amzn-ErrorType", out var types) && types.FirstOrDefault() is { Length: > 0 } header)
        {
            code = header;
        }
        return (Simplify(code), message);
    }

    /// <summary><c>com.amazonaws.secretsmanager#ResourceNotFoundException:http://...</c> → <c>ResourceNotFoundException</c>.</summary>
    internal static string? Simplify(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }
        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        return colon >= 0 ? code[..colon] : code;
    }
}
