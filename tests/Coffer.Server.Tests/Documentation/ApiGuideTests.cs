using System.Diagnostics;
using System.Text.RegularExpressions;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Documentation;

/// <summary>
/// The walk-through of docs/api.md runs as written (with bash, curl and python3) against a real
/// server: every command in it must succeed, including the checks it pipes into grep.
/// </summary>
public sealed partial class ApiGuideTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_walk_through_runs_against_a_server()
    {
        var script = WalkThrough(File.ReadAllText(GuidePath()));
        await using var server = await ApiServer.StartAsync("sqlite", _folder.NewSubfolder());
        var scriptPath = Path.Combine(_folder.Path, "walk-through.sh");
        File.WriteAllText(scriptPath, script);

        var start = new ProcessStartInfo("bash", ["-e", "-o", "pipefail", scriptPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["COFFER_URL"] = server.Address.ToString().TrimEnd('/'),
                ["COFFER_TOKEN"] = server.Token,
            },
        };
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEndAsync();
        var errors = bash.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await bash.WaitForExitAsync(timeout.Token);

        Assert.True(bash.ExitCode == 0, $"the walk-through failed with exit code {bash.ExitCode}:\n{await output}\n{await errors}");
    }

    private static string WalkThrough(string guide)
    {
        var section = guide[guide.IndexOf("## A walk through the API", StringComparison.Ordinal)..];
        return ShellBlock().Match(section) is { Success: true } block
            ? block.Groups[1].Value
            : throw new InvalidOperationException("docs/api.md has no sh block in its walk-through");
    }

    private static string GuidePath()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docs", "api.md");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new FileNotFoundException("docs/api.md was not found above the test assembly");
    }

    [GeneratedRegex("```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlock();
}
