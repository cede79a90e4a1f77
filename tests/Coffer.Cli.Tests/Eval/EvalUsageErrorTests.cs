using System.Net.Sockets;
using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests.Eval;

public sealed class EvalUsageErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public EvalUsageErrorTests() => _folder.Write("app.yaml", "values:\n  a: 1\n");

    public void Dispose() => _folder.Dispose();

    // A socket is a file that exists but cannot be opened for reading, even by root (which reads
    // files whatever their mode).
    private Socket UnreadableFile(string name)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(Path.Combine(_folder.Path, name)));
        return socket;
    }

    [Fact]
    public async Task Eval_of_a_missing_path_is_an_error()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "eval", "nope.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("coffer: error: nope.yaml does not exist\n", result.Stderr);
    }

    [Fact]
    public async Task Eval_of_an_unreadable_root_file_is_an_error()
    {
        using var socket = UnreadableFile("locked.yaml");

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "locked.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith("coffer: error: cannot read locked.yaml: ", result.Stderr);
    }

    [Fact]
    public async Task Eval_reports_an_unreadable_import_at_the_import()
    {
        using var socket = UnreadableFile("locked.yaml");
        _folder.Write("uses-locked.yaml", "imports: [locked]\nvalues:\n  b: 2\n");

        var result = await CofferCli.RunAsync(_folder.Path, "eval", "uses-locked.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("{\n  \"b\": 2\n}\n", result.Stdout);
        Assert.StartsWith("uses-locked.yaml:1:11: error: environment \"locked\" cannot be read from locked.yaml: ", result.Stderr);
    }

    [Fact]
    public async Task Eval_rejects_an_unknown_format()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--format", "xml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Equal("coffer: error: unknown output format \"xml\": expected json, yaml, dotenv, docker-env, shell, string, detailed\n", result.Stderr);
    }

    [Fact]
    public async Task Eval_rejects_bad_property_path_syntax()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--path", "a..b");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("coffer: error: empty property name in property path \"a..b\"\n", result.Stderr);
    }

    [Theory]
    [InlineData("dotenv")]
    [InlineData("shell")]
    public async Task Eval_rejects_path_with_variable_formats(string format)
    {
        var result = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--format", format, "--path", "a");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"coffer: error: --path cannot be used with --format {format}: it prints environmentVariables and files\n", result.Stderr);
    }

    [Fact]
    public async Task Eval_reports_unknown_options_with_the_same_error_prefix()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "eval", "app.yaml", "--bogus");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("coffer: error: Unrecognized command or argument '--bogus'.\nRun 'coffer eval --help' for usage.\n", result.Stderr);
    }
}
