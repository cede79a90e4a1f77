using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Coffer.Cli.Tests.Remote;

/// <summary>coffer audit ls, export and verify against a real server.</summary>
public sealed partial class AuditTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private readonly RemoteUser _user = new RemoteUser(server).AsAdmin();
    private readonly string _project = RemoteUser.UniqueProject("audit");

    public void Dispose() => _user.Dispose();

    private async Task<string> OpenedEnvironmentAsync()
    {
        var reference = $"{_project}/app";
        Assert.Equal(0, (await _user.RunAsync("env", "init", reference)).ExitCode);
        Assert.Equal(0, (await _user.RunAsync("env", "set", reference, "color", "red")).ExitCode);
        Assert.Equal(0, (await _user.RunAsync("open", reference)).ExitCode);
        return reference;
    }

    [Fact]
    public async Task Audit_ls_prints_the_newest_events_as_a_table()
    {
        var reference = await OpenedEnvironmentAsync();

        var result = await _user.RunAsync("audit", "ls", "--environment", reference);

        Assert.Equal(0, result.ExitCode);
        var lines = Time().Replace(result.Stdout, "T").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^SEQ +TIME +ACTOR +ACTION +ENVIRONMENT +REVISION +OUTCOME +CLIENT$", lines[0]);
        // Newest first: "coffer open" opened and read a session; "coffer env set" read the definition, then wrote revision 2.
        string[] expected = ["environment.read_open +" + Regex.Escape(reference) + " +2", "environment.open +" + Regex.Escape(reference) + " +2",
            "environment.updated +" + Regex.Escape(reference) + " +2", "environment.read +" + Regex.Escape(reference) + " +1", "environment.created +" + Regex.Escape(reference) + " +1"];
        Assert.Equal(expected.Length + 1, lines.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Matches($@"^\d+ +T +admin +{expected[i]} +success +127.0.0.1$", lines[i + 1]);
        }
    }

    [Fact]
    public async Task Audit_ls_format_json_applies_the_filters_and_the_limit()
    {
        await OpenedEnvironmentAsync();
        await _user.RunAsync("open", $"{_project}/app");

        var result = await _user.RunAsync("audit", "ls", "--action", "environment.open", "--actor", "admin", "--from", "1h", "--limit", "1", "--format", "json");

        Assert.Equal(0, result.ExitCode);
        var events = JsonNode.Parse(result.Stdout)!["events"]!.AsArray();
        var only = Assert.Single(events);
        Assert.Equal("environment.open", (string?)only!["action"]);
        Assert.Equal("default", (string?)only["organization"]);
        Assert.Equal(64, ((string)only["hash"]!).Length);
    }

    [Fact]
    public async Task Audit_export_writes_json_lines_oldest_first_to_stdout_or_a_file()
    {
        var reference = await OpenedEnvironmentAsync();

        var stdout = await _user.RunAsync("audit", "export", "--environment", reference);
        var toFile = await _user.RunAsync("audit", "export", "--environment", reference, "--output", "audit.jsonl");

        Assert.Equal(0, stdout.ExitCode);
        var actions = stdout.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => (string)JsonNode.Parse(l)!["action"]!).ToList();
        Assert.Equal(["environment.created", "environment.read", "environment.updated", "environment.open", "environment.read_open"], actions);
        Assert.Equal(0, toFile.ExitCode);
        Assert.Equal("", toFile.Stdout);
        Assert.Equal(stdout.Stdout, File.ReadAllText(Path.Combine(_user.WorkFolder, "audit.jsonl")));
    }

    [Fact]
    public async Task Audit_verify_reports_an_intact_chain()
    {
        await OpenedEnvironmentAsync();

        var result = await _user.RunAsync("audit", "verify");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"^The audit log of default verifies: \d+ records, head \d+ [0-9a-f]{64}\n$", result.Stdout);
    }

    [Fact]
    public async Task Audit_commands_reject_malformed_times_before_calling_the_server()
    {
        Scenario.ExpectError(await _user.RunAsync("audit", "ls", "--from", "yesterday"),
            "--from \"yesterday\" is not a time: use RFC 3339 (2026-01-02T15:04:05Z), a date (2026-01-02) or a span ago (30m, 24h, 7d)");
        Scenario.ExpectError(await _user.RunAsync("audit", "export", "--to", "99999999999d"),
            "--to \"99999999999d\" is not a time: use RFC 3339 (2026-01-02T15:04:05Z), a date (2026-01-02) or a span ago (30m, 24h, 7d)");
        Scenario.ExpectError(await _user.RunAsync("audit", "ls", "--limit", "0"), "--limit must be at least 1");
    }

    [Fact]
    public async Task Audit_ls_passes_on_the_servers_refusal_of_a_bad_filter()
    {
        Scenario.ExpectError(await _user.RunAsync("audit", "ls", "--outcome", "maybe"), "outcome must be one of success, denied, unauthenticated, failed");
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC")]
    private static partial Regex Time();
}
