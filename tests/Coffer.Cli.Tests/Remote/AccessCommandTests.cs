using System.Text.Json;

namespace Coffer.Cli.Tests.Remote;

/// <summary>The organization, team, token, access and password commands: their output, and their errors.</summary>
public sealed class AccessCommandTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private readonly RemoteUser _admin = new RemoteUser(server).AsAdmin();
    private readonly RemoteUser _other = new(server);

    public void Dispose()
    {
        _admin.Dispose();
        _other.Dispose();
    }

    private static string Unique(string hint) => $"{hint}-{Guid.NewGuid().ToString("N")[..8]}";

    private async Task<string> NewMemberAsync(string login)
    {
        var created = await _admin.RunAsync("org", "members", "add", login, "--new", "--format", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        using var json = JsonDocument.Parse(created.Stdout);
        return json.RootElement.GetProperty("token").GetString()!;
    }

    private RemoteUser As(string token)
    {
        _other.Environment["COFFER_URL"] = server.Url;
        _other.Environment["COFFER_ACCESS_TOKEN"] = token;
        return _other;
    }

    [Fact]
    public async Task Token_create_prints_the_value_alone_on_standard_output_and_it_works()
    {
        var name = Unique("laptop");

        var result = await _admin.RunAsync("token", "create", name, "--expires", "30d");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches("^cof_[0-9A-Za-z]{43}\n$", result.Stdout);
        Assert.Matches($"^Created token \"{name}\" \\(personal, expires \\d{{4}}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\); its value is shown only this once:\n$", result.Stderr);
        Scenario.Expect(await As(result.Stdout.Trim()).RunAsync("whoami"), 0, "admin\n");
    }

    [Fact]
    public async Task Every_command_that_creates_a_token_prints_an_object_with_a_token_field_in_json()
    {
        var team = Unique("ci");
        Assert.Equal(0, (await _admin.RunAsync("team", "create", team)).ExitCode);
        string[][] commands =
        [
            ["token", "create", Unique("t"), "--format", "json"],
            ["token", "create", Unique("t"), "--team", team, "--format", "json"],
            ["token", "create", Unique("t"), "--org", "--admin", "--description", "provisioning", "--format", "json"],
            ["org", "members", "add", Unique("u"), "--new", "--format", "json"],
        ];
        foreach (var command in commands)
        {
            var result = await _admin.RunAsync(command);

            Assert.True(result.ExitCode == 0 && result.Stderr == "", result.ToString());
            using var json = JsonDocument.Parse(result.Stdout);
            Assert.StartsWith("cof_", json.RootElement.GetProperty("token").GetString(), StringComparison.Ordinal);
            Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("tokenInfo").GetProperty("id").ValueKind);
        }
    }

    [Fact]
    public async Task Token_ls_lists_metadata_never_values_and_rm_revokes()
    {
        var team = Unique("deploy");
        Assert.Equal(0, (await _admin.RunAsync("team", "create", team)).ExitCode);
        var created = await _admin.RunAsync("token", "create", "ci", "--team", team, "--format", "json");
        using var json = JsonDocument.Parse(created.Stdout);
        var (value, id) = (json.RootElement.GetProperty("token").GetString()!, json.RootElement.GetProperty("tokenInfo").GetProperty("id").GetString()!);

        var table = await _admin.RunAsync("token", "ls", "--team", team);
        Assert.Equal(0, table.ExitCode);
        Assert.StartsWith("ID ", table.Stdout, StringComparison.Ordinal);
        Assert.Contains(id, table.Stdout, StringComparison.Ordinal);
        Assert.Matches(" never +active\n", table.Stdout);
        Assert.DoesNotContain(value, table.Stdout, StringComparison.Ordinal);

        Scenario.Expect(await _admin.RunAsync("token", "rm", id, "--team", team), 0, $"Revoked token {id}.\n");
        var listed = await _admin.RunAsync("token", "ls", "--team", team, "--format", "json");
        using var after = JsonDocument.Parse(listed.Stdout);
        Assert.True(after.RootElement.GetProperty("tokens")[0].GetProperty("revoked").GetBoolean());
        Scenario.ExpectError(await _admin.RunAsync("token", "rm", id, "--team", team), $"token {id} not found");
    }

    [Fact]
    public async Task Org_members_teams_and_settings_print_tables_and_json()
    {
        var login = Unique("ann");
        await NewMemberAsync(login);
        var team = Unique("web");
        Scenario.Expect(await _admin.RunAsync("team", "create", team, "--description", "Web people"), 0, $"Created team {team} in default.\n");
        Scenario.Expect(await _admin.RunAsync("team", "members", "add", team, login), 0, $"Added {login} to team {team}.\n");

        Scenario.Expect(await _admin.RunAsync("team", "show", team), 0, $"Team: {team}\nDescription: Web people\nMembers: {login}\n");
        var members = await _admin.RunAsync("org", "members", "ls");
        Assert.StartsWith("LOGIN ", members.Stdout, StringComparison.Ordinal);
        Assert.Matches($"\n{login} +{login} +- +member\n", members.Stdout);
        using (var json = JsonDocument.Parse((await _admin.RunAsync("team", "ls", "--format", "json")).Stdout))
        {
            Assert.Contains(json.RootElement.GetProperty("teams").EnumerateArray(), t => t.GetProperty("name").GetString() == team);
        }
        Scenario.Expect(await _admin.RunAsync("org", "members", "set-role", login, "admin"), 0, $"{login} is now an admin of default.\n");
        Scenario.Expect(await _admin.RunAsync("org", "members", "set-role", login, "member"), 0, $"{login} is now a member of default.\n");
        Scenario.Expect(await _admin.RunAsync("team", "members", "rm", team, login), 0, $"Removed {login} from team {team}.\n");
        Scenario.Expect(await _admin.RunAsync("org", "members", "rm", login), 0, $"Removed {login} from default.\n");
        Scenario.Expect(await _admin.RunAsync("team", "rm", team), 0, $"Deleted team {team} of default.\n");
        Scenario.Expect(await _admin.RunAsync("org", "settings", "get", "--format", "json"), 0, """
            {
              "default-permission": "write",
              "members-can-create-environments": true
            }

            """);
    }

    [Fact]
    public async Task Env_clone_with_preserve_access_copies_the_grants_on_the_environment()
    {
        var login = Unique("pat");
        var token = await NewMemberAsync(login);
        var project = Unique("billing");
        Assert.Equal(0, (await _admin.RunAsync("env", "init", $"{project}/prod")).ExitCode);
        Assert.Equal(0, (await _admin.RunAsync("env", "access", "grant", $"{project}/prod", "--user", login, "admin")).ExitCode);

        Scenario.Expect(await _admin.RunAsync("env", "clone", $"{project}/prod", "copy", "--preserve-access"), 0, $"Environment default/{project}/prod cloned into default/{project}/copy.\n");

        var shown = await _admin.RunAsync("env", "access", "show", $"{project}/copy", "--format", "json");
        using (var json = JsonDocument.Parse(shown.Stdout))
        {
            var member = json.RootElement.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("login").GetString() == login);
            Assert.Contains($"granted admin on {project}/copy", member.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));
        }
        Scenario.ExpectError(await As(token).RunAsync("env", "clone", $"{project}/prod", "other", "--preserve-access"), "permission denied: only administrators of default may do this");
        Scenario.ExpectError(await _admin.RunAsync("env", "get", $"{project}/other"), $"environment default/{project}/other not found");
    }

    [Fact]
    public async Task Env_access_grants_and_revokes_on_a_whole_project()
    {
        var login = Unique("pat");
        await NewMemberAsync(login);
        var project = Unique("billing");

        Scenario.Expect(await _admin.RunAsync("env", "access", "grant", $"{project}/*", "--user", login, "admin"), 0, $"User {login} now has admin on default/{project}/*.\n");
        var shown = await _admin.RunAsync("env", "access", "show", $"{project}/app", "--format", "json");
        using (var json = JsonDocument.Parse(shown.Stdout))
        {
            var member = json.RootElement.GetProperty("members").EnumerateArray().Single(m => m.GetProperty("login").GetString() == login);
            Assert.Equal("admin", member.GetProperty("permission").GetString());
            Assert.Equal($"granted admin on {project}/*", member.GetProperty("reasons")[0].GetString());
        }
        Scenario.Expect(await _admin.RunAsync("env", "access", "revoke", $"{project}/*", "--user", login), 0, $"Removed the grant of user {login} on default/{project}/*.\n");
        Scenario.ExpectError(await _admin.RunAsync("env", "access", "revoke", $"{project}/*", "--user", login), $"{login} has no grant on {project}/*");
    }

    [Fact]
    public async Task A_member_who_is_not_an_administrator_gets_permission_denied()
    {
        var token = await NewMemberAsync(Unique("max"));

        Scenario.ExpectError(await As(token).RunAsync("org", "members", "ls"), "permission denied: only administrators of default may do this");
        Scenario.ExpectError(await As(token).RunAsync("team", "create", "mine"), "permission denied: only administrators of default may do this");
        Scenario.ExpectError(await As(token).RunAsync("env", "access", "show", "common/aws"), "permission denied: only administrators of default may do this");
    }

    [Fact]
    public async Task Unknown_organizations_teams_and_users_are_clear_errors()
    {
        Scenario.ExpectError(await _admin.RunAsync("org", "show", "--organization", "nowhere"), "organization nowhere not found");
        Scenario.ExpectError(await _admin.RunAsync("team", "show", "no-such-team"), "team no-such-team not found in default");
        Scenario.ExpectError(await _admin.RunAsync("org", "members", "add", "no-such-user"), "user no-such-user not found");
        Scenario.ExpectError(await _admin.RunAsync("env", "access", "grant", "common/aws", "--user", "no-such-user", "read"), "no-such-user is not a member of default");
    }

    [Fact]
    public async Task Invalid_names_permissions_and_options_are_refused_before_anything_changes()
    {
        Assert.Contains("letters, digits", (await _admin.RunAsync("team", "create", "bad name!")).Stderr, StringComparison.Ordinal);
        Scenario.ExpectError(await _admin.RunAsync("env", "access", "grant", "common/aws", "--team", "x", "superuser"), "unknown permission \"superuser\": expected none, read, open, write, admin");
        Scenario.ExpectError(await _admin.RunAsync("env", "access", "grant", "common/aws", "--team", "x", "--user", "y", "read"), "say whom: --team NAME or --user LOGIN (one of them)");
        Scenario.ExpectError(await _admin.RunAsync("env", "access", "grant", "aws", "--team", "x", "read"), "write the project too: <project>/aws, or <project>/* for every environment of a project");
        Scenario.ExpectError(await _admin.RunAsync("token", "create", "x", "--team", "t", "--org"), "--team and --org choose different owners: give one of them");
        Scenario.ExpectError(await _admin.RunAsync("token", "create", "x", "--admin"), "--admin is for organization tokens: add --org");
        Scenario.ExpectError(await _admin.RunAsync("token", "create", new string('n', 41)), $"invalid token name \"{new string('n', 41)}\": a name has 1 to 40 characters");
        Scenario.ExpectError(await _admin.RunAsync("token", "create", "x", "--expires", "soon"), "invalid expiry \"soon\": expected never, a lifetime such as 90d, 12h or 30m, or a date such as 2027-06-30");
        Scenario.ExpectError(await _admin.RunAsync("org", "settings", "set", "default-permission", "everything"), "unknown permission \"everything\": expected none, read, open, write, admin");
        Scenario.ExpectError(await _admin.RunAsync("org", "members", "set-role", "admin", "owner"), "unknown role \"owner\": expected member or admin");
        Scenario.ExpectError(await _admin.RunAsync("team", "ls", "--format", "xml"), "unknown output format \"xml\": expected text or json");
    }

    [Fact]
    public async Task Commands_need_a_login()
    {
        using var nobody = new RemoteUser(server);

        foreach (var command in (string[][])[["org", "show"], ["team", "ls"], ["token", "ls"], ["env", "access", "show", "a/b"], ["password"]])
        {
            var result = await nobody.RunAsync(command);

            Assert.True(result.ExitCode == 1 && result.Stderr.StartsWith("coffer: error: not logged in", StringComparison.Ordinal), result.ToString());
        }
    }

    [Fact]
    public async Task Passwords_are_set_changed_and_checked_at_sign_in()
    {
        var login = Unique("sam");
        var token = await NewMemberAsync(login);
        Scenario.ExpectError(await _admin.RunWithInputAsync("short\n", "org", "members", "set-password", login), "the password must have 12 to 256 characters");

        Scenario.Expect(await As(token).RunWithInputAsync("\nfirst long password\n", "password"), 0, "Password changed.\n");
        Scenario.ExpectError(await As(token).RunWithInputAsync("wrong current one\nsecond long password\n", "password"), "permission denied: the current password is wrong");
        Scenario.Expect(await As(token).RunWithInputAsync("first long password\nsecond long password\n", "password"), 0, "Password changed.\n");

        using var signer = new RemoteUser(server);
        Scenario.ExpectError(await signer.RunWithInputAsync("first long password\n", "login", server.Url, "--user", login, "--default-org", "default"),
            $"sign-in failed: wrong login, password or organization (on {server.Url})");
        var signedIn = await signer.RunWithInputAsync("second long password\n", "login", server.Url, "--user", login, "--default-org", "default");
        Assert.True(signedIn.ExitCode == 0, signedIn.ToString());
        Scenario.Expect(await signer.RunAsync("whoami"), 0, $"{login}\n");
        Scenario.ExpectError(await signer.RunWithInputAsync("x\n", "login", server.Url, "--user", login), "signing in with --user needs the organization: add --default-org NAME");
    }

    [Fact]
    public async Task Hostile_names_reach_nothing_but_a_clear_error()
    {
        foreach (var command in (string[][])[
            ["team", "show", "../../user"],
            ["team", "members", "add", "..", "admin"],
            ["org", "members", "set-role", "../admin", "member"],
            ["token", "rm", "../../user/tokens", "--team", "x"],
            ["env", "access", "grant", "a/b/c/d", "--team", "x", "read"],
            ["env", "access", "show", "common/aws@stable"],
            ["org", "show", "--organization", "default/../other"],
        ])
        {
            var result = await _admin.RunAsync(command);

            Assert.True(result.ExitCode == 1 && result.Stdout == "" && result.Stderr.StartsWith("coffer: error: ", StringComparison.Ordinal)
                && result.Stderr.Count(c => c == '\n') == 1 && !result.Stderr.Contains("internal server error", StringComparison.Ordinal),
                $"{string.Join(' ', command)}: {result}");
        }
        Scenario.Expect(await _admin.RunAsync("org", "members", "set-role", "admin", "admin"), 0, "admin is now an admin of default.\n");
    }
}
