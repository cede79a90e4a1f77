using BenchmarkDotNet.Attributes;
using Coffer.Language;
using Coffer.Language.Declarations;
using Coffer.Language.Tests.Conformance;

namespace Coffer.Benchmarks;

/// <summary>
/// Opens the kit's bench environment the way a server would: the root definition is parsed once
/// and cached, and every evaluation loads and parses the 26 imports through the loader, decrypts
/// their secrets and calls the <c>bench</c> provider ten times. The four variants cross a provider
/// delay with a per-environment load delay, so the slow ones show how much of the waiting overlaps.
/// </summary>
[MemoryDiagnoser]
[MedianColumn, MinColumn, MaxColumn]
// A fixed invocation count: BenchmarkDotNet's pilot runs before tiered JIT has optimised the
// evaluator and would pick iterations far shorter than intended. 64 evaluations take from ~0.15 s
// (no delays) to ~2.4 s (both delays) per iteration, so the whole class runs in about three minutes.
[SimpleJob(launchCount: 1, warmupCount: 8, iterationCount: 20, invocationCount: 64)]
public class EnvironmentEvaluationBenchmarks
{
    private EnvironmentEvaluator _evaluator = null!;
    private EnvironmentDefinition _definition = null!;
    private EvaluationOptions _options = null!;

    /// <summary>How long each <c>fn::open::bench</c> call takes.</summary>
    [Params(0, 10)]
    public int OpenDelayMs { get; set; }

    /// <summary>How long the loader takes to return each imported environment.</summary>
    [Params(0, 10)]
    public int LoadDelayMs { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var limits = EvaluationLimits.Default;
        var openDelay = TimeSpan.FromMilliseconds(OpenDelayMs);
        _evaluator = new EnvironmentEvaluator(
            TestProviders.Create(openDelay),
            new CaseFiles(BenchEnvironment.Directory, TimeSpan.FromMilliseconds(LoadDelayMs)),
            limits);
        _definition = EnvironmentDefinition.Parse(BenchEnvironment.RootName, BenchEnvironment.ReadRoot(), limits);
        _options = new EvaluationOptions
        {
            Mode = EvaluationMode.Open,
            Decrypter = Rot128.Instance,
            Context = BenchEnvironment.Context,
        };
        // A broken evaluation is usually a fast one: refuse to measure it.
        BenchEnvironment.Verify(Evaluate().GetAwaiter().GetResult(), openDelay);
    }

    [Benchmark]
    public Task<EvaluationResult> Evaluate() => _evaluator.EvaluateAsync(_definition, _options);
}
