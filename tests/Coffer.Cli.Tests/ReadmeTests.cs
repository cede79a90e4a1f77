using Coffer.Cli.Tests.Remote;
using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests;

/// <summary>
/// The README's command-line examples, run as a newcomer runs them from a clone: the server ones
/// against a real server (the README's <c>http://127.0.0.1:8080</c> stands for its address, and
/// <c>.coffer-data/admin.token</c> holds its administrator's token), the local ones on the
/// repository's <c>examples/</c> folder, with <c>dotnet run --project src/Coffer.Cli --</c> run
/// as the <c>coffer</c> it builds.
/// </summary>
public sealed class ReadmeTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private const string ReadmeServerUrl = "http://127.0.0.1:8080";
    private const string DotnetRunCoffer = "dotnet run --project src/Coffer.Cli -- ";
    private static readonly string Copies = AppContext.BaseDirectory;
    private readonly RemoteUser _user = new(server);

    public void Dispose() => _user.Dispose();

    [Fact]
    public async Task The_readme_commands_run_from_a_clone_and_print_the_variable_they_promise()
    {
        var commands = Commands(File.ReadAllText(Path.Combine(Copies, "README.md")));
        // The user's working folder stands for the clone: the example folder, and the token the server wrote.
        CopyFolder(Path.Combine(Copies, "examples"), Path.Combine(_user.WorkFolder, "examples"));
        _user.Write(".coffer-data/admin.token", server.AdminToken + "\n");

        var script = "set -e\n" + string.Join('\n', commands).Replace(ReadmeServerUrl, server.Url, StringComparison.Ordinal);
        var result = await CofferCli.RunWithCofferOnPathAsync(_user.WorkFolder, "bash", _user.Environment, "-c", script);

        Assert.True(commands.Count >= 10, $"the README should show its commands; found:\n{string.Join('\n', commands)}");
        Assert.True(result.ExitCode == 0, $"exit code {result.ExitCode}\n{result.Stderr}\n{result.Stdout}");
        // The secret changed on the server reaches the program; the local files keep the original.
        Assert.Contains("\npostgres://payments:correct horse@db.internal:5432/payments\n", "\n" + result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\npostgres://payments:correct-horse@db.internal:5432/payments\n", "\n" + result.Stdout, StringComparison.Ordinal);
        Assert.Contains("\"password\": \"[secret]\"", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_example_folder_holds_the_files_the_cli_guide_shows()
    {
        var guide = DocumentationTests.DocumentedGuide.Parse(File.ReadAllText(Path.Combine(Copies, "docs", "cli.md")));
        var examples = Path.Combine(Copies, "examples");
        var files = Directory.GetFiles(examples, "*", SearchOption.AllDirectories);

        Assert.NotEmpty(files);
        Assert.All(files, file =>
        {
            var relative = Path.GetRelativePath(examples, file).Replace('\\', '/');
            var shown = guide.Files.Where(f => f.Path == relative).Select(f => f.Content).ToList();
            Assert.True(shown.Count == 1, $"docs/cli.md shows no file {relative}");
            Assert.Equal(shown[0], File.ReadAllText(file));
        });
    }

    /// <summary>The <c>coffer</c> lines of the README's <c>sh</c> blocks, in order.</summary>
    private static List<string> Commands(string readme)
    {
        var commands = new List<string>();
        var inShell = false;
        foreach (var line in readme.Split('\n'))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inShell = !inShell && line == "```sh";
            }
            else if (inShell && line.StartsWith("coffer ", StringComparison.Ordinal))
            {
                commands.Add(line);
            }
            else if (inShell && line.StartsWith(DotnetRunCoffer, StringComparison.Ordinal))
            {
                commands.Add("coffer " + line[DotnetRunCoffer.Length..]);
            }
        }
        return commands;
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
