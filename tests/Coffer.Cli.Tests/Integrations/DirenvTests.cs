using System.Text.Json;
using Coffer.Cli.Tests.Remote;
using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests.Integrations;

/// <summary>
/// integrations/direnv/coffer.sh with the real direnv (tests/setup-dependencies installs it): a
/// folder whose .envrc says <c>use coffer ENV</c> gets the environment's variables.
/// </summary>
public sealed class DirenvTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private readonly RemoteUser _user = new(server);
    private readonly TempFolder _direnv = new();

    public void Dispose()
    {
        _user.Dispose();
        _direnv.Dispose();
    }

    [Fact]
    public async Task Use_coffer_loads_the_variables_of_a_logged_in_user_exactly()
    {
        var login = await _user.RunWithInputAsync(server.AdminToken, "login", server.Url);
        Assert.True(login.ExitCode == 0, login.ToString());
        var name = await IntegrationEnvironment.CreateAsync(_user, IntegrationEnvironment.Definition + """
              files:
                CONFIG: "port = 8080"

            """);
        var project = ProjectFolder($"use coffer {name}\n");

        await AllowAsync(project);
        var export = await DirenvAsync(project, "export", "json");

        Assert.True(export.ExitCode == 0, export.ToString());
        var variables = JsonSerializer.Deserialize<Dictionary<string, string?>>(export.Stdout)!;
        foreach (var (variable, value) in IntegrationEnvironment.Variables)
        {
            Assert.Equal(value, variables[variable]);
        }
        Assert.Equal("port = 8080", File.ReadAllText(variables["CONFIG"]!));
        Assert.DoesNotContain("hunter22", export.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Use_coffer_without_a_login_says_so_and_loads_nothing()
    {
        var project = ProjectFolder("use coffer payments/dev\n");

        await AllowAsync(project);
        var export = await DirenvAsync(project, "export", "json");

        Assert.DoesNotContain("APP_PASSWORD", export.Stdout, StringComparison.Ordinal);
        Assert.Contains("coffer: error: not logged in: run 'coffer login <server-url>' first", export.Stderr, StringComparison.Ordinal);
        Assert.Contains("use coffer: could not open payments/dev; nothing was loaded", export.Stderr, StringComparison.Ordinal);
    }

    private string ProjectFolder(string envrc)
    {
        var direnvrc = Path.Combine(AppContext.BaseDirectory, "integrations", "direnv", "coffer.sh");
        _direnv.Write("direnv-config/direnvrc", $"source '{direnvrc}'\n");
        _direnv.Write("project/.envrc", envrc);
        return _direnv.Folder("project");
    }

    private async Task AllowAsync(string project)
    {
        var allow = await DirenvAsync(project, "allow", ".");
        Assert.True(allow.ExitCode == 0, allow.ToString());
    }

    // direnv keeps its allow list and configuration in these folders: never the machine user's.
    private Task<CliResult> DirenvAsync(string project, params string[] args)
    {
        var environment = new Dictionary<string, string?>(_user.Environment)
        {
            ["XDG_DATA_HOME"] = _direnv.Folder("data"),
            ["XDG_CACHE_HOME"] = _direnv.Folder("cache"),
            ["DIRENV_CONFIG"] = _direnv.Folder("direnv-config"),
            ["DIRENV_DIR"] = null,
            ["DIRENV_FILE"] = null,
            ["DIRENV_DIFF"] = null,
            ["DIRENV_WATCHES"] = null,
            ["DIRENV_LOG_FORMAT"] = null,
        };
        return CofferCli.RunWithCofferOnPathAsync(project, Direnv.Value, environment, args);
    }

    private static readonly Lazy<string> Direnv = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(folder => Path.Combine(folder, "direnv"))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("direnv is not installed: run tests/setup-dependencies, or install it (https://direnv.net)"));
}
