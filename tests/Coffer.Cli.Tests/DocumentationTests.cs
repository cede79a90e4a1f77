using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Coffer.Cli.Tests.Remote;
using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests;

/// <summary>
/// Runs the examples of docs/cli.md. In that guide, a code block preceded by
/// <c>&lt;!-- file: PATH --&gt;</c> is a file the examples use; a <c>console</c> block holds
/// <c>$ command</c> lines, each followed by the output it prints (standard output and error
/// together). The test writes the files and runs the commands in document order, in one shell,
/// and compares every output with the guide. The server examples run against a real server: the
/// guide's <c>http://localhost:8080</c> stands for its address, and <c>coffer-data/admin.token</c>
/// holds its administrator's token; times in tables, which change, are compared as placeholders.
/// </summary>
public sealed partial class DocumentationTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private const string Marker = "@@coffer-doc-example-";
    private const string GuideServerUrl = "http://localhost:8080";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_example_in_the_cli_guide_prints_what_the_guide_shows()
    {
        var guide = DocumentedGuide.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "cli.md")));
        var temp = _folder.Folder("tmp");
        var work = _folder.Folder("work");
        _folder.Write("work/coffer-data/admin.token", server.AdminToken + "\n");
        var environment = new Dictionary<string, string?>
        {
            ["TMPDIR"] = temp,
            ["XDG_CONFIG_HOME"] = _folder.Folder("config"),
            ["COFFER_URL"] = null,
            ["COFFER_ACCESS_TOKEN"] = null,
        };

        var script = guide.Script().Replace(GuideServerUrl, server.Url, StringComparison.Ordinal);
        var result = await CofferCli.RunWithCofferOnPathAsync(work, "bash", environment, "-c", script);
        var outputs = SplitOutputs(result.Stdout.Replace(temp + "/", "/tmp/", StringComparison.Ordinal).Replace(server.Url, GuideServerUrl, StringComparison.Ordinal));

        Assert.True(guide.Examples.Count >= 15, $"the guide should have its examples; found {guide.Examples.Count}");
        Assert.Equal(guide.Examples.Count, outputs.Count);
        for (var i = 0; i < guide.Examples.Count; i++)
        {
            var example = guide.Examples[i];
            var actual = Time().Replace(TempFolderName().Replace(outputs[i], "coffer-XXXXXX"), "YYYY-MM-DD hh:mm:ss UTC");
            var expected = Time().Replace(example.Output, "YYYY-MM-DD hh:mm:ss UTC");
            Assert.True(
                expected.TrimEnd('\n') == actual.TrimEnd('\n'),
                $"$ {example.Command}\n--- the guide shows ---\n{example.Output}\n--- coffer printed ---\n{actual}");
        }
    }

    [Fact]
    public void Every_code_block_in_the_cli_guide_is_a_file_an_example_or_a_synopsis()
    {
        var guide = DocumentedGuide.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "docs", "cli.md")));

        Assert.Empty(guide.UnclassifiedBlocks);
        // Only the installation commands are not run, since they change the user's dotnet tools or
        // take minutes (the native build, which tests/cli-aot-smoke publishes and runs), and setups
        // for other programs (direnv, Docker, GitHub Actions) whose use the integration tests cover.
        Assert.All(guide.NotRun, block => Assert.True(
            block.Content.Contains("dotnet tool install ", StringComparison.Ordinal)
                || block.Reason.StartsWith("tested by tests/cli-aot-smoke,", StringComparison.Ordinal)
                || block.Reason.StartsWith("tested by tests/Coffer.Cli.Tests/Integrations/", StringComparison.Ordinal),
            $"a block that is not run must be an installation or say which integration test covers it:\n{block.Content}"));
    }

    private static List<string> SplitOutputs(string output)
    {
        var parts = output.Split(Marker);
        // parts[0] is whatever came before the first example; each later part starts with "N@@\n".
        return [.. parts.Skip(1).Select(p => p[(p.IndexOf('\n', StringComparison.Ordinal) + 1)..])];
    }

    [GeneratedRegex("coffer-[A-Za-z0-9]{6}")]
    private static partial Regex TempFolderName();

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC")]
    private static partial Regex Time();

    internal sealed record Example(string Command, string Output);

    // Also read by ReadmeTests, for the example files the guide shows.
    internal sealed partial class DocumentedGuide
    {
        public List<(string Path, string Content)> Files { get; } = [];

        public List<Example> Examples { get; } = [];

        public List<(string Reason, string Content)> NotRun { get; } = [];

        public List<string> UnclassifiedBlocks { get; } = [];

        private List<object> Steps { get; } = [];

        public static DocumentedGuide Parse(string markdown)
        {
            var guide = new DocumentedGuide();
            var lines = markdown.Split('\n');
            string? file = null;
            string? notRun = null;
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (FileComment().Match(line) is { Success: true } fileMatch)
                {
                    file = fileMatch.Groups[1].Value;
                    continue;
                }
                if (line.StartsWith("<!-- not run:", StringComparison.Ordinal))
                {
                    notRun = line["<!-- not run:".Length..].Replace("-->", "", StringComparison.Ordinal).Trim();
                    continue;
                }
                if (!line.StartsWith("```", StringComparison.Ordinal))
                {
                    continue;
                }
                // A block fenced with more backticks can hold ``` lines (Markdown output, for example).
                var fence = line[..(line.Length - line.TrimStart('`').Length)];
                var language = line[fence.Length..].Trim();
                var body = new List<string>();
                for (i++; i < lines.Length && lines[i].TrimEnd() != fence; i++)
                {
                    body.Add(lines[i]);
                }
                var content = string.Join("\n", body) + "\n";
                if (file is not null)
                {
                    guide.Files.Add((file, content));
                    guide.Steps.Add((file, content));
                }
                else if (language == "console")
                {
                    guide.AddConsole(body);
                }
                else if (notRun is not null)
                {
                    guide.NotRun.Add((notRun, content));
                }
                else if (language != "text")
                {
                    guide.UnclassifiedBlocks.Add(content);
                }
                file = null;
                notRun = null;
            }
            return guide;
        }

        private void AddConsole(List<string> body)
        {
            string? command = null;
            var output = new StringBuilder();
            foreach (var line in body)
            {
                if (line.StartsWith("$ ", StringComparison.Ordinal))
                {
                    if (command is not null)
                    {
                        Add(new Example(command, output.ToString()));
                    }
                    command = line[2..];
                    output.Clear();
                }
                else
                {
                    output.Append(line).Append('\n');
                }
            }
            if (command is not null)
            {
                Add(new Example(command, output.ToString()));
            }
        }

        private void Add(Example example)
        {
            Examples.Add(example);
            Steps.Add(example);
        }

        /// <summary>A bash script that writes the files and runs the examples, marking where each one's output starts.</summary>
        public string Script()
        {
            var script = new StringBuilder("exec 2>&1\n");
            var index = 0;
            foreach (var step in Steps)
            {
                if (step is Example example)
                {
                    script.Append(CultureInfo.InvariantCulture, $"printf '\\n{Marker}{index++}@@\\n'\n{example.Command}\n");
                }
                else
                {
                    var (path, content) = ((string, string))step;
                    var folder = Path.GetDirectoryName(path);
                    if (!string.IsNullOrEmpty(folder))
                    {
                        script.Append(CultureInfo.InvariantCulture, $"mkdir -p '{folder}'\n");
                    }
                    script.Append(CultureInfo.InvariantCulture, $"cat > '{path}' <<'COFFER_DOC_FILE'\n{content}COFFER_DOC_FILE\n");
                }
            }
            return script.ToString();
        }

        [GeneratedRegex(@"^<!-- file: (\S+) -->$")]
        private static partial Regex FileComment();
    }
}
