using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Coffer.Language.Declarations;
using Coffer.Language.Tests.Conformance;
using Coffer.Language.Tests.Support;

namespace Coffer.Language.Tests.Documentation;

/// <summary>
/// Runs the examples of docs/language.md: every <c>yaml example</c> block is evaluated and compared
/// with the <c>json</c> block after it (and a <c>text diagnostics</c> block, when present).
/// <c>yaml env=NAME</c> blocks define environments the examples can import.
/// </summary>
public sealed partial class LanguageGuideTests
{
    public static TheoryData<int> Examples => [.. Enumerable.Range(0, ReadExamples().Count)];

    [Fact]
    public void The_guide_has_examples() => Assert.True(ReadExamples().Count >= 10);

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Guide_example_evaluates_as_documented(int index)
    {
        var example = ReadExamples()[index];
        var environments = new MemoryEnvironments();
        foreach (var (name, yaml) in example.Environments)
        {
            environments.Add(name, yaml);
        }
        var definition = EnvironmentDefinition.Parse("example", example.Yaml);
        var result = await new EnvironmentEvaluator(loader: environments).EvaluateAsync(definition);
        var actual = JsonNode.Parse(result.Value?.ToJson() ?? "null");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(example.Json), actual), $"example at line {example.Line}: expected {example.Json}, got {actual?.ToJsonString()}");

        var diagnostics = definition.Diagnostics.Concat(result.Diagnostics).Select(d => $"{(d.IsError ? "error" : "warning")}: {d.Summary}");
        Assert.Equal(example.Diagnostics, diagnostics);
    }

    private sealed record Example(int Line, string Yaml, string Json, IReadOnlyList<string> Diagnostics, IReadOnlyList<(string Name, string Yaml)> Environments);

    private static List<Example> ReadExamples()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "language.md"));
        var blocks = Fence().Matches(text).Select(m => (Info: m.Groups[1].Value.Trim(), Body: m.Groups[2].Value, Line: text[..m.Index].Count(c => c == '\n') + 1)).ToList();
        var environments = new List<(string, string)>();
        var examples = new List<Example>();
        for (var i = 0; i < blocks.Count; i++)
        {
            var (info, body, line) = blocks[i];
            if (info.StartsWith("yaml env=", StringComparison.Ordinal))
            {
                environments.Add((info["yaml env=".Length..], body));
            }
            else if (info == "yaml example")
            {
                Assert.True(i + 1 < blocks.Count && blocks[i + 1].Info == "json", $"the example at line {line} needs a json block after it");
                var diagnostics = i + 2 < blocks.Count && blocks[i + 2].Info == "text diagnostics"
                    ? blocks[i + 2].Body.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                    : [];
                examples.Add(new Example(line, body, blocks[i + 1].Body, diagnostics, [.. environments]));
            }
        }
        return examples;
    }

    [GeneratedRegex(@"^```([^\n]*)\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fence();
}
