using System.Text.RegularExpressions;

namespace Coffer.Cli.Tests.Remote;

/// <summary>coffer env version, env tag, env clone and env settings against a real server.</summary>
public sealed partial class VersionTagSettingsTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private readonly RemoteUser _user = new RemoteUser(server).AsAdmin();
    private readonly string _project = RemoteUser.UniqueProject("versions");

    public void Dispose() => _user.Dispose();

    private async Task<string> CreateAsync(string name = "app")
    {
        var reference = $"{_project}/{name}";
        Assert.Equal(0, (await _user.RunAsync("env", "init", reference)).ExitCode);
        Assert.Equal(0, (await _user.RunAsync("env", "set", reference, "color", "red")).ExitCode);
        Assert.Equal(0, (await _user.RunAsync("env", "set", reference, "color", "blue")).ExitCode);
        return reference;
    }

    private static string WithoutTimes(string text) => Time().Replace(text, "YYYY-MM-DD hh:mm:ss UTC");

    [Fact]
    public async Task Version_ls_lists_revisions_newest_first_with_their_tags()
    {
        var name = await CreateAsync();

        var result = await _user.RunAsync("env", "version", "ls", name);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("""
            REVISION  TAGS    AUTHOR  CREATED
            3         latest  admin   YYYY-MM-DD hh:mm:ss UTC
            2         -       admin   YYYY-MM-DD hh:mm:ss UTC
            1         -       admin   YYYY-MM-DD hh:mm:ss UTC

            """, WithoutTimes(result.Stdout));
    }

    [Fact]
    public async Task Version_tag_points_a_tag_at_a_revision_that_open_then_uses()
    {
        var name = await CreateAsync();

        Scenario.Expect(await _user.RunAsync("env", "version", "tag", $"{name}@stable", "2"), 0, $"default/{name}@stable now points at revision 2\n");
        Scenario.Expect(await _user.RunAsync("open", $"{name}@stable", "color", "-f", "string"), 0, "red\n");
        Scenario.Expect(await _user.RunAsync("env", "version", "tag", $"{name}@stable"), 0, $"default/{name}@stable now points at revision 3\n");
        Scenario.Expect(await _user.RunAsync("open", $"{name}@stable", "color", "-f", "string"), 0, "blue\n");
        Assert.Contains("3         latest,stable  admin", (await _user.RunAsync("env", "version", "ls", name)).Stdout);
    }

    [Fact]
    public async Task Version_tag_refuses_numeric_names()
    {
        Scenario.ExpectError(await _user.RunAsync("env", "version", "tag", $"{_project}/app@2"), "\"2\" cannot be a tag name: names starting with a digit are revision numbers");
    }

    [Fact]
    public async Task Rollback_writes_an_earlier_definition_as_a_new_revision()
    {
        var name = await CreateAsync();

        Scenario.Expect(await _user.RunAsync("env", "version", "rollback", $"{name}@2"), 0, $"default/{name} rolled back to revision 2: new revision 4.\n");
        Scenario.Expect(await _user.RunAsync("open", name, "color", "-f", "string"), 0, "red\n");
        Scenario.ExpectError(await _user.RunAsync("env", "version", "rollback", name), $"name the revision after @, such as {name}@3");
    }

    [Fact]
    public async Task A_retracted_revision_can_no_longer_be_opened()
    {
        var name = await CreateAsync();
        await _user.RunAsync("env", "set", name, "color", "green");

        Scenario.Expect(await _user.RunAsync("env", "version", "retract", $"{name}@3", "--replace-with", "2", "--reason", "wrong color"), 0, $"Revision 3 of default/{name} is retracted.\n");

        Scenario.ExpectError(await _user.RunAsync("open", $"{name}@3"), $"revision 3 of {name} was retracted: wrong color");
        Assert.Contains("3 (retracted, use 2)", (await _user.RunAsync("env", "version", "ls", name)).Stdout);
        Assert.Equal(1, (await _user.RunAsync("env", "version", "retract", $"{name}@4")).ExitCode);
    }

    [Fact]
    public async Task Tags_can_be_set_listed_read_renamed_and_removed()
    {
        var name = await CreateAsync();

        Assert.Equal("Name: team\nValue: payments\nLast updated at YYYY-MM-DD hh:mm:ss UTC by admin\n", WithoutTimes((await _user.RunAsync("env", "tag", "set", name, "team", "payments")).Stdout));
        await _user.RunAsync("env", "tag", "set", name, "Tier", "gold");
        Assert.Equal("""
            NAME  VALUE     MODIFIED                 EDITOR
            team  payments  YYYY-MM-DD hh:mm:ss UTC  admin
            Tier  gold      YYYY-MM-DD hh:mm:ss UTC  admin

            """, WithoutTimes((await _user.RunAsync("env", "tag", "ls", name)).Stdout));
        Assert.Contains("\"value\": \"payments\"", (await _user.RunAsync("env", "tag", "get", name, "team", "--format", "json")).Stdout);
        Assert.StartsWith("Name: owner\nValue: payments\n", (await _user.RunAsync("env", "tag", "mv", name, "team", "owner")).Stdout);
        Scenario.Expect(await _user.RunAsync("env", "tag", "rm", name, "owner"), 0, $"Deleted tag owner of default/{name}\n");
        Scenario.ExpectError(await _user.RunAsync("env", "tag", "get", name, "owner"), $"default/{name} has no tag owner");
    }

    [Fact]
    public async Task Tag_of_an_unknown_environment_fails()
    {
        Scenario.ExpectError(await _user.RunAsync("env", "tag", "ls", $"{_project}/missing"), $"environment default/{_project}/missing not found");
    }

    [Fact]
    public async Task Clone_copies_the_definition_into_a_new_environment()
    {
        var name = await CreateAsync();

        Scenario.Expect(await _user.RunAsync("env", "clone", name, "copy"), 0, $"Environment default/{name} cloned into default/{_project}/copy.\n");
        Scenario.Expect(await _user.RunAsync("open", $"{_project}/copy", "color", "-f", "string"), 0, "blue\n");
        Scenario.ExpectError(await _user.RunAsync("env", "clone", name, "copy"), $"environment default/{_project}/copy already exists");
    }

    [Fact]
    public async Task Clone_of_a_revision_copies_that_revision()
    {
        var name = await CreateAsync();

        Scenario.Expect(await _user.RunAsync("env", "clone", $"{name}@2", "old"), 0, $"Environment default/{name}@2 cloned into default/{_project}/old.\n");
        Scenario.Expect(await _user.RunAsync("open", $"{_project}/old", "color", "-f", "string"), 0, "red\n");
    }

    [Fact]
    public async Task Settings_can_be_read_as_text_and_json_and_changed()
    {
        var name = await CreateAsync();

        Scenario.Expect(await _user.RunAsync("env", "settings", "get", name), 0, "deletion-protected false\n");
        Scenario.Expect(await _user.RunAsync("env", "settings", "set", name, "deletion-protected", "true"), 0, "deletion-protected true\n");
        Scenario.Expect(await _user.RunAsync("env", "settings", "get", name, "deletion-protected"), 0, "true\n");
        Scenario.Expect(await _user.RunAsync("env", "settings", "get", name, "--format", "json"), 0, "{\n  \"deletion-protected\": true\n}\n");
        Scenario.ExpectError(await _user.RunAsync("env", "settings", "set", name, "deletion-protected", "maybe"), "invalid value \"maybe\" for deletion-protected: expected true or false");
        Scenario.ExpectError(await _user.RunAsync("env", "settings", "get", name, "color"), "unknown setting \"color\": the settings are deletion-protected");
    }

    [Fact]
    public async Task Diff_shows_what_changed_in_the_value_and_the_definition()
    {
        var name = await CreateAsync();

        var result = await _user.RunAsync("env", "diff", $"{name}@2");

        Scenario.Expect(result, 0, $$"""
            # Value
            ```diff
            --- default/{{name}}@2
            +++ default/{{name}}@latest
            @@ -1,3 +1,3 @@
             {
            -  "color": "red"
            +  "color": "blue"
             }
            ```

            # Definition
            ```diff
            --- default/{{name}}@2
            +++ default/{{name}}@latest
            @@ -1,2 +1,2 @@
             values:
            -  color: red
            +  color: blue
            ```

            """);
    }

    [Fact]
    public async Task Diff_with_a_format_compares_the_printed_values_of_two_environments()
    {
        var name = await CreateAsync();
        var other = await CreateAsync("other");
        await _user.RunAsync("env", "set", other, "size", "3");

        var result = await _user.RunAsync("env", "diff", name, other, "--format", "yaml");

        Scenario.Expect(result, 0, $"""
            --- default/{name}@latest
            +++ default/{other}@latest
            @@ -1 +1,2 @@
             color: blue
            +size: 3

            """);
        Scenario.Expect(await _user.RunAsync("env", "diff", name, "@3"), 0, "");
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC")]
    private static partial Regex Time();
}
