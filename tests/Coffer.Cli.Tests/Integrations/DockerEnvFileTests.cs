using Coffer.Cli.Tests.Remote;

namespace Coffer.Cli.Tests.Integrations;

/// <summary><c>coffer env open --format docker-env</c> writes what <c>docker run --env-file</c> reads exactly.</summary>
public sealed class DockerEnvFileTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private readonly RemoteUser _user = new RemoteUser(server).AsAdmin();

    public void Dispose() => _user.Dispose();

    [Fact]
    public async Task Docker_env_output_reads_back_with_every_value_exact()
    {
        var name = await IntegrationEnvironment.CreateAsync(_user);

        var result = await _user.RunAsync("env", "open", name, "--format", "docker-env");

        Assert.True(result.ExitCode == 0 && result.Stderr == "", result.ToString());
        var read = DockerEnvFileReader.Read(result.Stdout, _ => null);
        Assert.Equal(IntegrationEnvironment.Variables.OrderBy(v => v.Key, StringComparer.Ordinal), read);
    }

    [Fact]
    public async Task Dotenv_output_does_not_suit_docker_because_docker_keeps_the_quotes()
    {
        var name = await IntegrationEnvironment.CreateAsync(_user);

        var result = await _user.RunAsync("env", "open", name, "--format", "dotenv");

        var read = DockerEnvFileReader.Read(result.Stdout, _ => null).ToDictionary();
        Assert.Equal("\"8080\"", read["PORT"]);
    }

    [Fact]
    public async Task Docker_env_refuses_a_value_with_a_line_break_and_names_the_variable()
    {
        var name = await IntegrationEnvironment.CreateAsync(_user, """
            values:
              environmentVariables:
                FIRST: fine
                CERTIFICATE: "line one\nline two"

            """);

        var result = await _user.RunAsync("env", "open", name, "--format", "docker-env");

        Scenario.ExpectError(result,
            "CERTIFICATE cannot be written as docker-env: its value has a line break, and Docker's --env-file reads one line per variable; " +
            "move it under files, or use coffer run or --format dotenv");
    }
}
