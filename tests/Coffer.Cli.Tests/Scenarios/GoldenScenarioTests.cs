using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Coffer.Cli.Tests.Remote;
using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests.Scenarios;

/// <summary>
/// Runs every <c>.scenario</c> file of this folder against a real coffer-server (its own fresh data
/// directory) with the built coffer command, and compares exit code, standard output and standard
/// error with what the file says. Each scenario works in a project of its own. See README.md.
/// </summary>
public sealed partial class GoldenScenarioTests(CofferServer server) : IClassFixture<CofferServer>
{
    public static TheoryData<string> Names => [.. Directory.GetFiles(Folder, "*.scenario").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Scenarios");

    [Fact]
    public void Every_command_of_the_tree_has_a_scenario()
    {
        var runs = Directory.GetFiles(Folder, "*.scenario").Select(f => ScenarioFile.Parse(f, File.ReadAllText(f)).Run).ToList();
        string[] commands =
        [
            "login", "logout", "whoami", "eval", "open", "run", "env ls", "env init", "env get", "env edit", "env set", "env rm", "env open", "env run",
            "env diff", "env clone", "env rotate", "env version ls", "env version tag", "env version tag ls", "env version tag rm",
            "env version rollback", "env version retract", "env tag ls", "env tag get", "env tag set", "env tag mv", "env tag rm",
            "env settings get", "env settings set",
        ];
        var missing = commands.Where(c => !runs.Any(r => r.StartsWith($"coffer {c} ", StringComparison.Ordinal) || r == $"coffer {c}")).ToList();
        Assert.True(missing.Count == 0, "commands without a scenario: " + string.Join(", ", missing));
        string[] formats = ["json", "yaml", "dotenv", "docker-env", "shell", "string", "detailed"];
        var missingFormats = formats.Where(f => !runs.Any(r => r.Contains(" open ", StringComparison.Ordinal) && r.Contains($"--format {f}", StringComparison.Ordinal))).ToList();
        Assert.True(missingFormats.Count == 0, "open formats without a scenario: " + string.Join(", ", missingFormats));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Scenario_prints_what_its_file_says(string name)
    {
        var scenario = ScenarioFile.Parse(name, await File.ReadAllTextAsync(Path.Combine(Folder, name + ".scenario")));
        using var user = new RemoteUser(server);
        var project = RemoteUser.UniqueProject(name.Length > 20 ? name[..20] : name);
        var offline = CofferServer.UnusedUrl();
        string Fill(string text) => text
            .Replace("{project}", project, StringComparison.Ordinal)
            .Replace("{url}", server.Url, StringComparison.Ordinal)
            .Replace("{token}", server.AdminToken, StringComparison.Ordinal)
            .Replace("{coffer}", $"'{CofferCli.DotnetHost}' '{CofferCli.Assembly}'", StringComparison.Ordinal);

        foreach (var (file, content) in scenario.Files)
        {
            var path = user.Write(file, Fill(content));
            if (file.EndsWith(".sh", StringComparison.Ordinal))
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        if (scenario.Identity != ScenarioIdentity.Stored)
        {
            user.AsAdmin();
        }
        foreach (var command in scenario.Setup)
        {
            var setup = await RunAsync(user, Fill(command), "");
            Assert.True(setup.ExitCode == 0, $"setup command failed: {command}\n{setup}");
        }
        switch (scenario.Identity)
        {
            case ScenarioIdentity.Reader:
                user.Environment["COFFER_ACCESS_TOKEN"] = await ReaderTokenAsync(project);
                break;
            case ScenarioIdentity.Offline:
                user.Environment["COFFER_URL"] = offline;
                break;
        }

        var result = await RunAsync(user, Fill(scenario.Run), Fill(scenario.Stdin));

        string Normalize(string text) => IsoTime().Replace(Time().Replace(text
            .Replace(server.Url, "{url}", StringComparison.Ordinal)
            .Replace(offline, "{offline-url}", StringComparison.Ordinal)
            .Replace(server.AdminToken, "{token}", StringComparison.Ordinal)
            .Replace(user.Environment["TMPDIR"]!, "{tmp}", StringComparison.Ordinal)
            .Replace(user.WorkFolder, "{work}", StringComparison.Ordinal)
            .Replace(project, "{project}", StringComparison.Ordinal), "{time}"), "{isotime}");
        var actual = new CliResult(result.ExitCode, Normalize(result.Stdout), Normalize(result.Stderr));
        Assert.True(
            actual.ExitCode == scenario.ExitCode && Matches(scenario.Stdout, actual.Stdout) && Matches(scenario.Stderr, actual.Stderr),
            $"{name}: expected exit code {scenario.ExitCode}\n--- stdout ---\n{scenario.Stdout}\n--- stderr ---\n{scenario.Stderr}\n=== but got {actual}");
    }

    private static Task<CliResult> RunAsync(RemoteUser user, string commandLine, string stdin)
    {
        var arguments = ScenarioFile.Arguments(commandLine);
        Assert.True(arguments.Count > 0 && arguments[0] == "coffer", $"a scenario command must start with coffer: {commandLine}");
        return user.RunWithInputAsync(stdin, [.. arguments.Skip(1)]);
    }

    /// <summary>Expected text matches exactly, except that <c>{*}</c> stands for any text within a line.</summary>
    private static bool Matches(string expected, string actual) =>
        expected.Contains("{*}", StringComparison.Ordinal)
            ? Regex.IsMatch(actual, "^" + string.Join("[^\n]*", expected.Split("{*}").Select(Regex.Escape)) + "$", RegexOptions.None, TimeSpan.FromSeconds(5))
            : expected == actual;

    /// <summary>A team that may only read the scenario's project, and a token of that team.</summary>
    private async Task<string> ReaderTokenAsync(string project)
    {
        using var http = new HttpClient { BaseAddress = new Uri(server.Url) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("token", server.AdminToken);
        var team = "readers-" + Guid.NewGuid().ToString("N")[..8];
        (await http.PostAsJsonAsync("/api/orgs/default/teams", new { name = team })).EnsureSuccessStatusCode();
        (await http.PutAsJsonAsync($"/api/orgs/default/grants/{project}/*/teams/{team}", new { permission = "read" })).EnsureSuccessStatusCode();
        var created = await http.PostAsJsonAsync($"/api/orgs/default/teams/{team}/tokens", new { name = "ci" });
        created.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await created.Content.ReadAsStringAsync())!["token"]!;
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC")]
    private static partial Regex Time();

    [GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")]
    private static partial Regex IsoTime();
}
