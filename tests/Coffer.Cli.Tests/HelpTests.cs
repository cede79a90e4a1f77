using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests;

public sealed class HelpTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>Walks the whole command tree from "coffer --help", so a new command cannot go without help.</summary>
    [Fact]
    public async Task Help_of_every_command_exits_0_and_has_examples()
    {
        var pending = new Queue<string[]>([[]]);
        var visited = new List<string>();
        while (pending.TryDequeue(out var path))
        {
            var result = await CofferCli.RunAsync(_folder.Path, [.. path, "--help"]);
            var name = string.Join(' ', ["coffer", .. path]);
            visited.Add(name);

            Assert.True(result.ExitCode == 0, $"{name} --help: {result}");
            Assert.Contains("Usage:", result.Stdout);
            Assert.True(result.Stdout.Contains("\nExamples:\n  ", StringComparison.Ordinal), $"{name} --help has no examples:\n{result.Stdout}");
            Assert.Equal("", result.Stderr);
            foreach (var subcommand in Subcommands(result.Stdout))
            {
                pending.Enqueue([.. path, subcommand]);
            }
        }
        Assert.Contains("coffer whoami", visited);
        Assert.Contains("coffer env set", visited);
        Assert.Contains("coffer env version tag", visited);
        Assert.Contains("coffer env tag rm", visited);
        Assert.Contains("coffer env settings set", visited);
        Assert.Contains("coffer env access grant", visited);
        Assert.Contains("coffer org members set-password", visited);
        Assert.Contains("coffer team members add", visited);
        Assert.Contains("coffer token create", visited);
        Assert.Contains("coffer password", visited);
    }

    [Fact]
    public async Task Short_help_option_works_too()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "run", "-h");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\nExamples:\n  ", result.Stdout);
    }

    private static IEnumerable<string> Subcommands(string help)
    {
        var lines = help.Split('\n');
        var start = Array.IndexOf(lines, "Commands:");
        if (start < 0)
        {
            yield break;
        }
        foreach (var line in lines.Skip(start + 1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)))
        {
            yield return line.TrimStart().Split(' ', 2)[0].Split(',')[0];
        }
    }

    [Fact]
    public async Task Help_of_eval_lists_every_option()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "eval", "--help");

        Assert.Contains("coffer eval <path> [options]", result.Stdout);
        foreach (var option in new[] { "--env", "--show-secrets", "--format", "--path" })
        {
            Assert.Contains(option, result.Stdout);
        }
    }

    [Fact]
    public async Task Help_of_run_lists_every_option()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "run", "--help");

        foreach (var option in new[] { "--local", "--env", "--mask" })
        {
            Assert.Contains(option, result.Stdout);
        }
    }

    [Fact]
    public async Task Coffer_without_a_command_shows_the_help()
    {
        var result = await CofferCli.RunAsync(_folder.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("eval", result.Stdout);
        Assert.Contains("run", result.Stdout);
        Assert.Contains("Examples:", result.Stdout);
    }

    [Fact]
    public async Task A_command_group_alone_shows_its_help()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "env", "version");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("coffer env version [command] [options]", result.Stdout);
        Assert.Contains("Examples:", result.Stdout);
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?\n$", result.Stdout);
    }
}
