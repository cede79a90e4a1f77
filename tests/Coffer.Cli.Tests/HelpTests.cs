using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests;

public sealed class HelpTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("--help")]
    [InlineData("eval", "--help")]
    [InlineData("run", "--help")]
    [InlineData("run", "-h")]
    public async Task Help_of_every_command_exits_0_and_has_examples(params string[] args)
    {
        var result = await CofferCli.RunAsync(_folder.Path, args);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout);
        Assert.Contains("\nExamples:\n  ", result.Stdout);
        Assert.Equal("", result.Stderr);
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
    public async Task Version_prints_the_version()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "--version");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^\d+\.\d+\.\d+([-+][0-9A-Za-z.+-]*)?\n$", result.Stdout);
    }
}
