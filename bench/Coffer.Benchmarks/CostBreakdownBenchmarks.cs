using BenchmarkDotNet.Attributes;
using Coffer.Language;
using Coffer.Language.Declarations;
using Coffer.Language.Tests.Conformance;

namespace Coffer.Benchmarks;

/// <summary>
/// Splits the cost of the no-delay evaluation into its parts: parsing the 27 definitions, reading
/// them from disk through the loader, and evaluating with the imports served from memory.
/// </summary>
[MemoryDiagnoser]
[MedianColumn, MinColumn, MaxColumn]
// Fixed invocation count for the same reason as EnvironmentEvaluationBenchmarks: 0.2-0.5 s iterations.
[SimpleJob(launchCount: 1, warmupCount: 8, iterationCount: 20, invocationCount: 256)]
public class CostBreakdownBenchmarks
{
    private readonly EvaluationLimits _limits = EvaluationLimits.Default;
    private IReadOnlyList<(string Name, byte[] Yaml)> _files = [];
    private EnvironmentDefinition[] _parsed = [];
    private CaseFiles _fileLoader = null!;
    private EnvironmentEvaluator _inMemoryEvaluator = null!;
    private EnvironmentDefinition _root = null!;
    private EvaluationOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _files = BenchEnvironment.ReadAll();
        _parsed = new EnvironmentDefinition[_files.Count];
        _fileLoader = new CaseFiles(BenchEnvironment.Directory);
        _inMemoryEvaluator = new EnvironmentEvaluator(TestProviders.Create(), new InMemoryEnvironments(_files), _limits);
        _root = EnvironmentDefinition.Parse(BenchEnvironment.RootName, _files[0].Yaml, _limits);
        _options = new EvaluationOptions { Mode = EvaluationMode.Open, Decrypter = Rot128.Instance, Context = BenchEnvironment.Context };

        var broken = ParseAll().Where(d => d.Diagnostics.Count > 0 || d.IsEmpty).Select(d => d.Name).ToList();
        if (broken.Count > 0)
        {
            throw new InvalidOperationException("these bench definitions did not parse cleanly: " + string.Join(", ", broken));
        }
        BenchEnvironment.Verify(EvaluateFromMemory().GetAwaiter().GetResult(), TimeSpan.Zero);
    }

    /// <summary>Parses the root and its 26 imports from UTF-8 bytes already in memory.</summary>
    [Benchmark]
    public EnvironmentDefinition[] ParseAll()
    {
        for (var i = 0; i < _files.Count; i++)
        {
            _parsed[i] = EnvironmentDefinition.Parse(_files[i].Name, _files[i].Yaml, _limits);
        }
        return _parsed;
    }

    /// <summary>Reads the 26 imports through the file loader (no delay) and parses them, one after another.</summary>
    [Benchmark]
    public async Task<EnvironmentDefinition[]> LoadAndParseImports()
    {
        for (var i = 1; i < _files.Count; i++)
        {
            var loaded = await _fileLoader.LoadAsync(_files[i].Name, CancellationToken.None);
            _parsed[i] = EnvironmentDefinition.Parse(_files[i].Name, loaded.Definition.Span, _limits);
        }
        return _parsed;
    }

    /// <summary>The no-delay evaluation with the imports served from memory instead of files.</summary>
    [Benchmark]
    public Task<EvaluationResult> EvaluateFromMemory() => _inMemoryEvaluator.EvaluateAsync(_root, _options);
}
