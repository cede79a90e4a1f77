using System.Text.Json.Nodes;
using Coffer.Client;

namespace Coffer.Cli.Tests.Remote;

/// <summary>coffer env version tag ls and rm against a real server.</summary>
public sealed class RevisionTagListTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private readonly RemoteUser _user = new RemoteUser(server).AsAdmin();
    private readonly string _project = RemoteUser.UniqueProject("revtags");

    public void Dispose() => _user.Dispose();

    [Fact]
    public async Task Tag_ls_pages_through_more_tags_than_one_page_holds()
    {
        Assert.Equal(0, (await _user.RunAsync("env", "init", $"{_project}/app")).ExitCode);
        using var client = new CofferClient(new Uri(server.Url), server.AdminToken);
        var path = new EnvironmentPath("default", _project, "app");
        var names = Enumerable.Range(0, 505).Select(i => $"t{i:D4}").ToList();
        foreach (var name in names)
        {
            await client.CreateRevisionTagAsync(path, name, 1);
        }

        var result = await _user.RunAsync("env", "version", "tag", "ls", $"{_project}/app", "--format", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var listed = JsonNode.Parse(result.Stdout)!["tags"]!.AsArray().Select(t => (string)t!["name"]!).ToList();
        Assert.Equal(["latest", .. names], listed);
    }

    [Fact]
    public async Task Tag_rm_deletes_the_tag_and_later_opens_of_it_fail()
    {
        Assert.Equal(0, (await _user.RunAsync("env", "init", $"{_project}/app")).ExitCode);
        Assert.Equal(0, (await _user.RunAsync("env", "version", "tag", $"{_project}/app@stable")).ExitCode);

        Scenario.Expect(await _user.RunAsync("env", "version", "tag", "rm", $"{_project}/app@stable"), 0, $"Deleted revision tag stable of default/{_project}/app\n");

        Assert.Equal(1, (await _user.RunAsync("open", $"{_project}/app@stable")).ExitCode);
        Scenario.ExpectError(await _user.RunAsync("env", "version", "tag", "rm", $"{_project}/app@stable"), $"default/{_project}/app has no revision tag stable");
        Scenario.ExpectError(await _user.RunAsync("env", "version", "tag", "rm", $"{_project}/app@3"), "\"3\" is a revision number, not a tag");
        Scenario.ExpectError(await _user.RunAsync("env", "version", "tag", "rm", $"{_project}/app"), "name the tag after @, such as payments/prod@stable");
    }

    [Fact]
    public async Task Tag_ls_prints_local_times_unless_utc()
    {
        Assert.Equal(0, (await _user.RunAsync("env", "init", $"{_project}/app")).ExitCode);
        _user.Environment["TZ"] = "Asia/Kolkata";

        var local = await _user.RunAsync("env", "version", "tag", "ls", $"{_project}/app");
        var utc = await _user.RunAsync("env", "version", "tag", "ls", $"{_project}/app", "--utc");

        Assert.Matches(@"^latest  1         \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+05:30  -$", local.Stdout.Split('\n')[1]);
        Assert.Matches(@"^latest  1         \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC  -$", utc.Stdout.Split('\n')[1]);
    }
}
