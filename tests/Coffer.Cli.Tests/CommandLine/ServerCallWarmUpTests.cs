using Coffer.Cli.Remote;

namespace Coffer.Cli.Tests.CommandLine;

/// <summary>The start-up warm-up runs only for command lines that will call a server.</summary>
public sealed class ServerCallWarmUpTests
{
    [Theory]
    [InlineData("run", "payments/prod", "--", "true")]
    [InlineData("run", "--mask", "payments/prod", "--", "./test.sh", "--local")]
    [InlineData("run", "payments/prod", "--", "coffer", "--help")]
    [InlineData("open", "payments/prod")]
    [InlineData("open", "payments/prod@12", "--format", "dotenv")]
    public void A_run_or_open_on_a_server_is_warmed_up_for(params string[] args) =>
        Assert.True(ServerCallWarmUp.CallsServer(args));

    [Theory]
    [InlineData]
    [InlineData("--version")]
    [InlineData("--help")]
    [InlineData("eval", "app.yaml")]
    [InlineData("login", "https://coffer.example.com")]
    [InlineData("env", "get", "payments/prod")]
    [InlineData("run", "--local", "app.yaml", "--", "true")]
    [InlineData("run", "app.yaml", "--local", "--", "true")]
    [InlineData("run", "--help")]
    [InlineData("open", "-h")]
    [InlineData("rnu", "payments/prod", "--", "true")]
    public void Any_other_command_line_is_not_warmed_up_for(params string[] args) =>
        Assert.False(ServerCallWarmUp.CallsServer(args));
}
