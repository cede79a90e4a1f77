using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests.Remote;

/// <summary>coffer env edit with a scripted editor against a real server.</summary>
public sealed class EditTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private readonly RemoteUser _user = new RemoteUser(server).AsAdmin();
    private readonly string _name = RemoteUser.UniqueProject("edit") + "/app";

    public void Dispose() => _user.Dispose();

    private async Task CreateAsync()
    {
        Assert.Equal(0, (await _user.RunAsync("env", "init", _name)).ExitCode);
        Assert.Equal(0, (await _user.RunAsync("env", "set", _name, "color", "red")).ExitCode);
    }

    /// <summary>An editor: a shell script that gets the file to edit as $1.</summary>
    private void Editor(string script)
    {
        var path = _user.Write("editor.sh", "#!/bin/sh\nset -e\n" + script + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _user.Environment["EDITOR"] = path;
    }

    private async Task<string> DefinitionAsync() => (await _user.RunAsync("env", "get", _name, "--definition")).Stdout;

    [Fact]
    public async Task Edit_saves_what_the_editor_wrote()
    {
        await CreateAsync();
        Editor("printf 'values:\\n  color: green\\n' > \"$1\"");

        Scenario.Expect(await _user.RunAsync("env", "edit", _name), 0, "Environment updated: revision 3.\n");
        Assert.Equal("values:\n  color: green\n", await DefinitionAsync());
    }

    [Fact]
    public async Task Visual_wins_over_editor_and_the_option_over_both()
    {
        await CreateAsync();
        Editor("exit 7");
        var visual = _user.Write("visual.sh", "#!/bin/sh\nprintf 'values:\\n  color: visual\\n' > \"$1\"\n");
        File.SetUnixFileMode(visual, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _user.Environment["VISUAL"] = visual;

        Scenario.Expect(await _user.RunAsync("env", "edit", _name), 0, "Environment updated: revision 3.\n");
        Scenario.Expect(await _user.RunAsync("env", "edit", _name, "--editor", "sh -c 'printf \"values: {color: option}\" > \"$0\"'"), 0, "Environment updated: revision 4.\n");
        Assert.Equal("values: {color: option}", await DefinitionAsync());
    }

    [Fact]
    public async Task An_unchanged_file_saves_nothing()
    {
        await CreateAsync();
        Editor("true");

        Scenario.Expect(await _user.RunAsync("env", "edit", _name), 0, "No changes.\n");
    }

    [Fact]
    public async Task Refused_text_is_kept_with_its_problems_and_reopened_on_enter()
    {
        await CreateAsync();
        // First round: an invalid definition; second round (after ENTER): the editor sees the
        // problems in the file, and fixes the text.
        Editor("""
            if grep -q 'everything from this line down is ignored' "$1"; then
              grep -q 'unknown property "nope"' "$1"
              printf 'values:\n  color: fixed\n' > "$1"
            else
              printf 'values:\n  color: ${nope}\n' > "$1"
            fi
            """);

        var result = await _user.RunWithInputAsync("\n", "env", "edit", _name);

        Scenario.Expect(result, 0, "Environment updated: revision 3.\n", $"""
            {_name}:2:12: error: unknown property "nope"
            Press ENTER to continue editing or ^D to exit: 
            """);
        Assert.Equal("values:\n  color: fixed\n", await DefinitionAsync());
    }

    [Fact]
    public async Task Stopping_after_a_refusal_keeps_the_users_text()
    {
        await CreateAsync();
        Editor("printf 'values:\\n  color: ${nope}\\n  note: my precious edit\\n' > \"$1\"");

        var result = await _user.RunAsync("env", "edit", _name);

        Assert.Equal(1, result.ExitCode);
        var kept = KeptFile(result.Stderr);
        Assert.StartsWith("values:\n  color: ${nope}\n  note: my precious edit\n--- # coffer:", File.ReadAllText(kept));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(kept));
        Assert.Equal("values:\n  color: red\n", await DefinitionAsync());
    }

    [Fact]
    public async Task A_change_made_while_editing_is_not_overwritten()
    {
        await CreateAsync();
        // While "editing", someone else changes the environment.
        Editor($"""
            '{CofferCli.DotnetHost}' '{CofferCli.Assembly}' env set {_name} color blue
            printf 'values:\n  color: mine\n' > "$1"
            """);

        var result = await _user.RunAsync("env", "edit", _name);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"coffer: error: default/{_name} was changed by someone else while you edited it (revision 2 is no longer the latest), so nothing was saved; your text is in ", result.Stderr);
        Assert.Equal("values:\n  color: mine\n", File.ReadAllText(KeptFile(result.Stderr)));
        Assert.Equal("values:\n  color: blue\n", await DefinitionAsync());
    }

    [Fact]
    public async Task Edit_from_a_file_replaces_the_definition()
    {
        await CreateAsync();
        _user.Write("new.yaml", "values:\n  color: filed\n");

        Scenario.Expect(await _user.RunAsync("env", "edit", _name, "--file", "new.yaml"), 0, "Environment updated: revision 3.\n");
        Assert.Equal("values:\n  color: filed\n", await DefinitionAsync());
    }

    [Fact]
    public async Task Edit_from_an_invalid_file_prints_the_diagnostics()
    {
        await CreateAsync();
        _user.Write("new.yaml", "imports: nope\n");

        var result = await _user.RunAsync("env", "edit", _name, "-f", "new.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.EndsWith($"coffer: error: default/{_name} was not changed: the definition has an error\n", result.Stderr);
        Assert.StartsWith("new.yaml:1:", result.Stderr);
    }

    private static string KeptFile(string stderr) => stderr[(stderr.LastIndexOf("your text is in ", StringComparison.Ordinal) + "your text is in ".Length)..].TrimEnd('\n');
}
