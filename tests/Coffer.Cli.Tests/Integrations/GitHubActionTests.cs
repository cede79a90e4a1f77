using Coffer.Cli.Tests.Remote;
using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests.Integrations;

/// <summary>
/// integrations/github-action/export-environment.sh run as the action's step runs it, with
/// GITHUB_ENV in a temporary file and the built coffer on PATH instead of installing it.
/// </summary>
public sealed class GitHubActionTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private const string MaskCommand = "::add-mask::";
    private readonly RemoteUser _user = new RemoteUser(server).AsAdmin();
    private readonly TempFolder _runner = new();

    public void Dispose()
    {
        _user.Dispose();
        _runner.Dispose();
    }

    [Fact]
    public async Task Every_variable_reaches_GITHUB_ENV_exactly_and_every_secret_is_masked()
    {
        var name = await IntegrationEnvironment.CreateAsync(_user, IntegrationEnvironment.Definition + """
                PEM:
                  fn::secret: "-----BEGIN KEY-----\nMIIB%0Aabc\n-----END KEY-----\n"
                NOTES: "first line\nsecond line"

            """);

        var (result, githubEnv) = await ExportAsync(name);

        Assert.True(result.ExitCode == 0, result.ToString());
        var expected = new Dictionary<string, string>(IntegrationEnvironment.Variables)
        {
            ["PEM"] = "-----BEGIN KEY-----\nMIIB%0Aabc\n-----END KEY-----\n",
            ["NOTES"] = "first line\nsecond line",
        };
        Assert.Equal(expected.OrderBy(v => v.Key, StringComparer.Ordinal), GitHubEnvFileReader.Read(githubEnv));

        var masks = Masks(result.Stdout);
        string[] secrets = [server.AdminToken, "hunter22", expected["PEM"], "-----BEGIN KEY-----", "MIIB%0Aabc", "-----END KEY-----"];
        Assert.All(secrets, secret => Assert.Contains(secret, masks));
        Assert.DoesNotContain("first line", masks);
        var otherOutput = string.Join('\n', result.Stdout.Split('\n').Where(line => !line.StartsWith(MaskCommand, StringComparison.Ordinal))) + result.Stderr;
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, otherOutput, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_environment_that_cannot_be_opened_fails_the_step_and_exports_nothing()
    {
        var (result, githubEnv) = await ExportAsync("nobody/nothing");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", githubEnv);
        Assert.Contains("::error::could not open nobody/nothing", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(server.AdminToken, result.Stderr, StringComparison.Ordinal);
    }

    private async Task<(CliResult Result, string GitHubEnv)> ExportAsync(string environmentName)
    {
        var githubEnv = _runner.Write("github_env", "");
        var environment = new Dictionary<string, string?>(_user.Environment)
        {
            ["COFFER_ENVIRONMENT"] = environmentName,
            ["COFFER_INSTALL"] = "false",
            ["GITHUB_ENV"] = githubEnv,
            ["RUNNER_TEMP"] = _runner.Folder("runner-temp"),
        };
        var script = Path.Combine(AppContext.BaseDirectory, "integrations", "github-action", "export-environment.sh");
        var result = await CofferCli.RunWithCofferOnPathAsync(_user.WorkFolder, "bash", environment, script);
        return (result, await File.ReadAllTextAsync(githubEnv));
    }

    // What GitHub hides in the log: each ::add-mask:: value, with its workflow-command escapes read back.
    private static HashSet<string> Masks(string stdout) => stdout.Split('\n')
        .Where(line => line.StartsWith(MaskCommand, StringComparison.Ordinal))
        .Select(line => line[MaskCommand.Length..].Replace("%0A", "\n", StringComparison.Ordinal)
            .Replace("%0D", "\r", StringComparison.Ordinal).Replace("%25", "%", StringComparison.Ordinal))
        .ToHashSet();
}
