using System.Globalization;
using System.Text.Json;

namespace Coffer.LoadDriver;

/// <summary>
/// Drives load against a Coffer server on loopback.
/// <code>
/// seed URL TOKEN ORG                          create the bench environments, open one session, set /bench/static
/// definition                                  print the definition the update scenario writes
/// run URL TOKEN ORG SCENARIO [options]        open | read | update | static; prints one JSON line
///     --session ID      the session the read scenario reads (printed by seed)
///     --connections N   concurrent connections (default 32)
///     --duration S      measured seconds (default 10)
///     --warmup S        unmeasured seconds first (default 3)
///     --rate R          fixed arrival rate in operations per second (default: as fast as possible)
/// </code>
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["definition"])
        {
            Console.Write(BenchEnvironments.App());
            return 0;
        }
        if (args.Length < 4)
        {
            await Console.Error.WriteLineAsync("usage: definition | seed URL TOKEN ORG | run URL TOKEN ORG SCENARIO [--session ID] [--connections N] [--duration S] [--warmup S] [--rate R]");
            return 2;
        }
        var api = new BenchApi(new Uri(args[1]), args[2], args[3], Option(args, "--connections", 32));
        switch (args[0])
        {
            case "seed":
                var session = await Seeding.SeedAsync(api);
                Console.WriteLine($"session={session}");
                return 0;
            case "run" when args.Length >= 5:
                var scenario = Scenarios.Create(args[4], api, OptionText(args, "--session"));
                var result = await LoadRun.RunAsync(scenario, new LoadRun.Settings(
                    Option(args, "--connections", 32),
                    TimeSpan.FromSeconds(Option(args, "--duration", 10)),
                    TimeSpan.FromSeconds(Option(args, "--warmup", 3)),
                    Option(args, "--rate", 0)));
                Console.WriteLine(JsonSerializer.Serialize(result, ResultJson.Default.LoadResult));
                return result.Operations > 0 && result.Errors == 0 ? 0 : 1;
            default:
                await Console.Error.WriteLineAsync($"unknown command {args[0]}");
                return 2;
        }
    }

    private static int Option(string[] args, string name, int fallback) =>
        OptionText(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? OptionText(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
