using System.Text.Json;

namespace Coffer.Cli.Tests.Remote;

/// <summary>
/// The platform-team story, told entirely through the CLI against a real server with a fresh data
/// directory: an administrator shares nothing by default, sets up two teams that may open a shared
/// environment, and each team builds on it without changing it or seeing the other's work.
/// </summary>
public sealed class PlatformTeamStoryTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private readonly RemoteUser _admin = new RemoteUser(server).AsAdmin();
    private readonly RemoteUser _jane = new(server);
    private readonly RemoteUser _joe = new(server);

    public void Dispose()
    {
        _admin.Dispose();
        _jane.Dispose();
        _joe.Dispose();
    }

    [Fact]
    public async Task Teams_open_a_shared_environment_build_on_it_and_do_not_see_each_others_environments()
    {
        Scenario.Expect(await _admin.RunAsync("org", "settings", "set", "default-permission", "none"), 0, "default-permission none\n");
        Scenario.Expect(await _admin.RunAsync("team", "create", "identity", "--description", "Sign-in and accounts"), 0, "Created team identity in default.\n");
        Scenario.Expect(await _admin.RunAsync("team", "create", "payments"), 0, "Created team payments in default.\n");
        var janeToken = await NewEngineerAsync("jane", "identity");
        var joeToken = await NewEngineerAsync("joe", "payments");
        _admin.Write("aws.yaml", "values:\n  aws:\n    region: eu-west-1\n");
        Scenario.Expect(await _admin.RunAsync("env", "init", "common/aws", "--file", "aws.yaml"), 0, "Environment created: default/common/aws\n");
        // Teams build on the revision tagged stable; the platform team keeps changing the latest.
        var tagged = await _admin.RunAsync("env", "version", "tag", "common/aws@stable");
        Assert.True(tagged.ExitCode == 0, tagged.ToString());
        var changed = await _admin.RunAsync("env", "set", "common/aws", "aws.region", "us-west-2");
        Assert.True(changed.ExitCode == 0, changed.ToString());
        Scenario.Expect(await _admin.RunAsync("env", "access", "grant", "common/aws", "--team", "identity", "open"), 0, "Team identity now has open on default/common/aws.\n");
        Scenario.Expect(await _admin.RunAsync("env", "access", "grant", "common/aws", "--team", "payments", "open"), 0, "Team payments now has open on default/common/aws.\n");
        Scenario.Expect(await _admin.RunAsync("env", "access", "show", "common/aws"), 0, """
            MEMBER  PERMISSION  WHY
            admin   admin       organization administrator
            jane    open        team identity: open on common/aws
            joe     open        team payments: open on common/aws

            """);

        // Jane signs in with the password her administrator set, instead of using her first token.
        Scenario.Expect(await _admin.RunWithInputAsync("a long enough password\n", "org", "members", "set-password", "jane"), 0, "Password of jane set.\n");
        var signedIn = await _jane.RunWithInputAsync("a long enough password\n", "login", server.Url, "--user", "jane", "--default-org", "default");
        Assert.Equal(0, signedIn.ExitCode);
        Assert.StartsWith($"Signed in to {server.Url} as jane (default) until ", signedIn.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("a long enough password", File.ReadAllText(_jane.CredentialsPath), StringComparison.Ordinal);
        Assert.DoesNotContain(janeToken, File.ReadAllText(_jane.CredentialsPath), StringComparison.Ordinal);

        Scenario.ExpectError(await _jane.RunAsync("env", "set", "common/aws", "aws.region", "us-east-1"),
            "permission denied: this action needs write access to default/common/aws");
        _jane.Write("identity.yaml", "imports:\n  - common/aws@stable\nvalues:\n  service: identity\n");
        Scenario.Expect(await _jane.RunAsync("env", "init", "identity/common", "--file", "identity.yaml"), 0, "Environment created: default/identity/common\n");
        Scenario.Expect(await _jane.RunAsync("open", "identity/common", "--format", "json"), 0, """
            {
              "aws": {
                "region": "eu-west-1"
              },
              "service": "identity"
            }

            """);

        _joe.Environment["COFFER_URL"] = server.Url;
        _joe.Environment["COFFER_ACCESS_TOKEN"] = joeToken;
        Scenario.ExpectError(await _joe.RunAsync("env", "get", "identity/common"), "environment default/identity/common not found");
        Scenario.Expect(await _joe.RunAsync("open", "common/aws", "aws.region", "--format", "string"), 0, "us-west-2\n");
    }

    /// <summary>Creates a user as a member of a team; returns their first token.</summary>
    private async Task<string> NewEngineerAsync(string login, string team)
    {
        var created = await _admin.RunAsync("org", "members", "add", login, "--new", "--format", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        using var json = JsonDocument.Parse(created.Stdout);
        var token = json.RootElement.GetProperty("token").GetString()!;
        Assert.Equal(login, json.RootElement.GetProperty("user").GetProperty("login").GetString());
        Scenario.Expect(await _admin.RunAsync("team", "members", "add", team, login), 0, $"Added {login} to team {team}.\n");
        return token;
    }
}
