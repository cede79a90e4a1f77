using System.Diagnostics;
using System.Text.Json.Serialization;

namespace Coffer.LoadDriver;

/// <summary>What one measured run gave. Latencies are in milliseconds.</summary>
/// <remarks>
/// <c>TimerLagP50</c> and <c>TimerLagP99</c> (fixed rate only) say how late the driver itself sent
/// the operations it had to wait for: its timers fire a millisecond or more after they are due.
/// That lag is the driver's, so it is left out of those operations' latencies.
/// </remarks>
internal sealed record LoadResult(
    string Scenario, int Connections, int Rate, double Seconds, long Operations, long Errors,
    double OperationsPerSecond, double P50, double P90, double P99, double P999, double Max,
    double TimerLagP50, double TimerLagP99);

[JsonSerializable(typeof(LoadResult))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class ResultJson : JsonSerializerContext;

/// <summary>
/// Runs a scenario for a warm-up then a measured period, either closed-loop (each connection
/// starts its next operation when the last one ends: peak throughput) or at a fixed arrival rate
/// (operations are due at fixed intervals whatever the server does, and each latency is measured
/// from when its operation was due, not from when it could be sent, as wrk2 does, so a stalled
/// server cannot hide its queue; an operation whose connection was free and only waited for the
/// driver's timer is measured from when it was sent).
/// </summary>
internal static class LoadRun
{
    public sealed record Settings(int Connections, TimeSpan Duration, TimeSpan Warmup, int Rate);

    public static async Task<LoadResult> RunAsync((string Name, Operation Operation) scenario, Settings settings)
    {
        if (settings.Warmup > TimeSpan.Zero)
        {
            await MeasureAsync(scenario.Operation, settings, settings.Warmup);
        }
        var (latencies, lags, errors, elapsed) = await MeasureAsync(scenario.Operation, settings, settings.Duration);
        latencies.Sort();
        lags.Sort();
        return new LoadResult(
            scenario.Name, settings.Connections, settings.Rate, Math.Round(elapsed.TotalSeconds, 2), latencies.Count, errors,
            Math.Round(latencies.Count / elapsed.TotalSeconds, 1),
            Percentile(latencies, 0.50), Percentile(latencies, 0.90), Percentile(latencies, 0.99), Percentile(latencies, 0.999),
            Percentile(latencies, 1.0), Percentile(lags, 0.50), Percentile(lags, 0.99));
    }

    private sealed record Measured(List<long> Latencies, List<long> TimerLags, long Errors, TimeSpan Elapsed);

    private static Task<Measured> MeasureAsync(Operation operation, Settings settings, TimeSpan duration) =>
        settings.Rate > 0 ? FixedRateAsync(operation, settings.Rate, settings.Connections, duration) : ClosedLoopAsync(operation, settings.Connections, duration);

    private static async Task<Measured> ClosedLoopAsync(Operation operation, int connections, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long errors = 0;
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            var latencies = new List<long>(1 << 16);
            while (true)
            {
                var begin = Stopwatch.GetTimestamp();
                if (begin >= end)
                {
                    return latencies;
                }
                if (!await Safely(operation))
                {
                    Interlocked.Increment(ref errors);
                }
                latencies.Add(Stopwatch.GetTimestamp() - begin);
            }
        })).ToList();
        var all = new List<long>();
        foreach (var worker in workers)
        {
            all.AddRange(await worker);
        }
        return new Measured(all, [], errors, Stopwatch.GetElapsedTime(start));
    }

    /// <summary>
    /// wrk2's model: operation i is due at start + i / rate and is run by connection i mod
    /// <paramref name="connections"/>, which sends it when due or, if still busy with earlier ones,
    /// as soon as it is free — the wait counts in its latency. An operation whose connection was
    /// free before it was due waits for a timer, which fires late; its latency starts when it is
    /// sent, and the lag is recorded apart.
    /// </summary>
    private static async Task<Measured> FixedRateAsync(Operation operation, int rate, int connections, TimeSpan duration)
    {
        var count = (long)(rate * duration.TotalSeconds);
        var latencies = new long[count];
        var lags = new long[count];
        long errors = 0;
        var start = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, connections).Select(k => Task.Run(async () =>
        {
            for (long i = k; i < count; i += connections)
            {
                var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
                var early = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                var from = due;
                if (early > TimeSpan.Zero)
                {
                    await Task.Delay(early);
                    from = Stopwatch.GetTimestamp();
                    lags[i] = from - due;
                }
                if (!await Safely(operation))
                {
                    Interlocked.Increment(ref errors);
                }
                latencies[i] = Stopwatch.GetTimestamp() - from;
            }
        })).ToList();
        await Task.WhenAll(workers);
        // Throughput over the scheduled period: a server that keeps up completes exactly the rate.
        var elapsed = Stopwatch.GetElapsedTime(start);
        return new Measured([.. latencies], [.. lags.Where(lag => lag > 0)], errors, elapsed < duration ? duration : elapsed);
    }

    private static async Task<bool> Safely(Operation operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return false;
        }
    }

    private static double Percentile(List<long> sorted, double fraction)
    {
        if (sorted.Count == 0)
        {
            return 0;
        }
        var index = Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1);
        return Math.Round(sorted[Math.Max(0, index)] * 1000.0 / Stopwatch.Frequency, 3);
    }
}
