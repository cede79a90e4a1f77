using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Coffer.Providers.Http;

/// <summary>
/// Runs one remote call under the provider's bounds: a timeout per attempt, a total timeout, and
/// bounded retries with exponential backoff for throttling, 5xx answers, network errors and
/// attempts that timed out. The caller's cancellation is never turned into a failure message: it
/// surfaces as <see cref="OperationCanceledException"/> so the evaluator reports its own reason.
/// </summary>
internal sealed class RemoteCall
{
    private readonly ResiliencePipeline<RemoteResponse> _pipeline;
    private readonly RemoteCallOptions _options;

    public RemoteCall(RemoteCallOptions options, TimeProvider timeProvider)
    {
        _options = options;
        var builder = new ResiliencePipelineBuilder<RemoteResponse> { TimeProvider = timeProvider }
            .AddTimeout(options.TotalTimeout);
        // Polly refuses a retry strategy with no retries; MaxRetries = 0 means no strategy at all.
        if (options.MaxRetries > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<RemoteResponse>
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = TimeSpan.FromSeconds(5),
                ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                {
                    { Exception: HttpRequestException or TimeoutRejectedException or IOException } => true,
                    { Result: { IsTransient: true } } => true,
                    _ => false,
                }),
            });
        }
        _pipeline = builder
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>
    /// Sends the request <paramref name="attempt"/> builds (once per attempt, so it can be signed
    /// afresh) and returns the last answer. Throws <see cref="RemoteCallException"/> when no answer
    /// came (timeout, network), <see cref="OperationCanceledException"/> when the caller cancelled.
    /// </summary>
    public async Task<RemoteResponse> SendAsync(
        HttpClient client,
        Func<HttpRequestMessage> attempt,
        Func<HttpResponseMessage, byte[], RemoteResponse> interpret,
        CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                async ct =>
                {
                    using var request = attempt();
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
                    var body = await ReadBodyAsync(response, ct).ConfigureAwait(false);
                    return interpret(response, body);
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new RemoteCallException($"timed out: no answer within {Describe(ex.Timeout)}");
        }
        catch (HttpRequestException ex)
        {
            // The exception text names the host and the socket error, never request content.
            throw new RemoteCallException($"the service could not be reached ({ex.HttpRequestError})");
        }
        catch (IOException)
        {
            throw new RemoteCallException("the connection to the service failed");
        }
    }

    private async Task<byte[]> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
        {
            throw new RemoteCallException($"the service's answer is larger than {_options.MaxResponseBytes} bytes");
        }
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > _options.MaxResponseBytes)
                {
                    throw new RemoteCallException($"the service's answer is larger than {_options.MaxResponseBytes} bytes");
                }
                buffer.Write(chunk, 0, read);
            }
            return buffer.ToArray();
        }
    }

    private static string Describe(TimeSpan span) =>
        span.TotalSeconds >= 1 ? $"{span.TotalSeconds:0.###} s" : $"{span.TotalMilliseconds:0} ms";
}
