using System.Globalization;

namespace Coffer.ProviderLatency;

/// <summary>Latencies of one phase, summarised.</summary>
internal sealed record LatencySummary(string Phase, int Opens, double Min, double Median, double P90, double P99, double Max, double Mean)
{
    public static LatencySummary Of(string phase, IReadOnlyCollection<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        double Percentile(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(phase, sorted.Length, sorted[0], Percentile(0.5), Percentile(0.9), Percentile(0.99), sorted[^1], sorted.Average());
    }

    public const string Header = "| Phase | Opens | Min | Median | p90 | p99 | Max | Mean |\n|---|---:|---:|---:|---:|---:|---:|---:|";

    public string Row() => string.Create(
        CultureInfo.InvariantCulture,
        $"| {Phase} | {Opens} | {Min:0.0} ms | {Median:0.0} ms | {P90:0.0} ms | {P99:0.0} ms | {Max:0.0} ms | {Mean:0.0} ms |");
}
