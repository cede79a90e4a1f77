using System.Diagnostics;
using System.Globalization;

namespace Coffer.ProviderLatency;

/// <summary>
/// How long opening an environment with provider calls takes through the server's REST API, when
/// every provider answer is delayed: with 10 <c>fn::open</c> calls of 50 ms each, opening must take
/// at most 120 ms, which only holds when the calls run concurrently. Each open must also reach
/// Vault exactly once per call, which the run checks after every phase.
/// </summary>
/// <example>dotnet run -c Release --project bench/Coffer.ProviderLatency -- --opens 200 --concurrency 4</example>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        int Option(string name, int fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
        }
        var calls = Option("--calls", 10);
        var delay = TimeSpan.FromMilliseconds(Option("--delay-ms", 50));
        var opens = Option("--opens", 200);
        var warmup = Option("--warmup", 20);
        var concurrency = Option("--concurrency", 4);
        var targetMs = Option("--target-ms", 120);

        await using var setup = await BenchSetup.StartAsync(calls, delay);
        Console.WriteLine($"{calls} provider calls per open, each answer delayed {delay.TotalMilliseconds:0} ms; {opens} measured opens per phase after {warmup} warm-up opens");

        await setup.VerifySessionAsync(await setup.OpenAsync());
        // Warm up both ways: the first concurrent opens also open the extra connections to Vault.
        await MeasureAsync(setup, warmup, 1);
        await MeasureAsync(setup, warmup, concurrency);

        var sequential = await MeasureAsync(setup, opens, 1);
        var concurrent = await MeasureAsync(setup, opens, concurrency);
        var summaries = new[]
        {
            LatencySummary.Of("one open at a time", sequential),
            LatencySummary.Of($"{concurrency} opens at a time", concurrent),
        };
        Console.WriteLine();
        Console.WriteLine(LatencySummary.Header);
        foreach (var summary in summaries)
        {
            Console.WriteLine(summary.Row());
        }
        Console.WriteLine();
        var met = summaries.All(s => s.Median <= targetMs);
        Console.WriteLine($"target: median open ≤ {targetMs} ms in both phases: {(met ? "met" : "NOT met")}; every open fetched each of its {calls} provider results exactly once");
        return met ? 0 : 1;
    }

    /// <summary>Opens <paramref name="count"/> times from <paramref name="workers"/> concurrent clients; the latency of each open.</summary>
    private static async Task<List<double>> MeasureAsync(BenchSetup setup, int count, int workers)
    {
        var before = setup.Vault.TotalRequests;
        var latencies = new List<double>(count);
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                var started = Stopwatch.GetTimestamp();
                await setup.OpenAsync();
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(elapsed);
                }
            }
        }));
        var requests = setup.Vault.TotalRequests - before;
        if (requests != count * setup.Calls)
        {
            throw new InvalidOperationException($"{count} opens reached Vault {requests} times instead of {count * setup.Calls}: a provider result was fetched more than once");
        }
        return latencies;
    }
}
