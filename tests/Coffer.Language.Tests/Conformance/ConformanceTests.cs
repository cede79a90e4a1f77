using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coffer.Language.Tests.Conformance;

/// <summary>
/// Runs every case of the conformance kit (<c>$ESC_CONFORMANCE_DIR</c>) and of our own case folder,
/// each as a test, and — when <c>$ESC_CONFORMANCE_REPORT</c> is set — writes the kit's report for all
/// of them once the last case has run.
/// </summary>
public sealed class ConformanceTests(ConformanceTests.ReportWriter report) : IClassFixture<ConformanceTests.ReportWriter>
{
    public static TheoryData<string> KitCases => Cases(RepositoryPaths.CasesDirectory);

    public static TheoryData<string> OwnCases => Cases(RepositoryPaths.OwnCasesDirectory);

    [Theory]
    [MemberData(nameof(KitCases))]
    public Task Kit_case_matches_expected_output(string caseName) => RunAsync(RepositoryPaths.CasesDirectory, caseName);

    [Theory]
    [MemberData(nameof(OwnCases))]
    public Task Own_case_matches_expected_output(string caseName) => RunAsync(RepositoryPaths.OwnCasesDirectory, caseName);

    private async Task RunAsync(string directory, string caseName)
    {
        var caseDirectory = Path.Combine(directory, caseName);
        JsonObject entry;
        try
        {
            entry = await CaseRunner.RunAsync(caseDirectory);
        }
        catch (Exception ex)
        {
            report.Add(caseName, new JsonObject { ["error"] = ex.ToString(), ["diagnostics"] = new JsonArray() });
            throw;
        }
        report.Add(caseName, entry);
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(caseDirectory, "expected.json")))!.AsObject();
        var problems = ExpectedComparison.Compare(expected, entry);
        Assert.True(problems.Count == 0, $"{caseName}:\n  {string.Join("\n  ", problems)}");
    }

    private static TheoryData<string> Cases(string directory)
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(directory))
        {
            foreach (var dir in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
            {
                if (File.Exists(Path.Combine(dir, "expected.json")))
                {
                    data.Add(Path.GetFileName(dir));
                }
            }
        }
        return data;
    }

    /// <summary>Collects the report entries of all cases and writes the report file at the end.</summary>
    public sealed class ReportWriter : IDisposable
    {
        private readonly ConcurrentDictionary<string, JsonObject> _entries = new(StringComparer.Ordinal);

        public void Add(string caseName, JsonObject entry) => _entries[caseName] = entry;

        public void Dispose()
        {
            var path = Environment.GetEnvironmentVariable("ESC_CONFORMANCE_REPORT");
            if (string.IsNullOrEmpty(path))
            {
                return;
            }
            var cases = new JsonObject();
            foreach (var (name, entry) in _entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                cases[name] = entry.DeepClone();
            }
            var report = new JsonObject { ["implementation"] = "Coffer", ["cases"] = cases };
            File.WriteAllText(path, report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        }
    }
}
