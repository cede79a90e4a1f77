using System.Collections.Concurrent;
using Coffer.Language.Hosting;
using Coffer.Language.Schemas;
using Coffer.Language.Tests.Support;
using Coffer.Language.Values;

namespace Coffer.Language.Tests.Evaluation;

/// <summary>
/// Imports load and providers run concurrently, each at most once per evaluation. The tests prove
/// overlap without timing: work waits on a barrier that only opens when several pieces run together.
/// </summary>
public sealed class ConcurrencyTests
{
    [Fact(Timeout = 60_000)]
    public async Task Imports_load_concurrently()
    {
        using var barrier = new Barrier(5);
        var environments = new MemoryEnvironments { BeforeLoad = (_, _) => Task.Run(() => Assert.True(barrier.SignalAndWait(TimeSpan.FromSeconds(20)), "the loads did not overlap")) };
        for (var i = 0; i < 5; i++)
        {
            environments.Add($"e{i}", $"values:\n  v{i}: {i}\n");
        }
        var (value, diagnostics) = await Evaluate.Yaml("imports: [e0, e1, e2, e3, e4]\n", loader: environments);
        Assert.Empty(diagnostics);
        Assert.Equal(5, value!.Properties.Count);
    }

    [Fact(Timeout = 60_000)]
    public async Task Provider_calls_run_concurrently()
    {
        using var barrier = new Barrier(4);
        var providers = new ProviderRegistry().Add("wait", new Provider(_ => Task.Run(() =>
        {
            Assert.True(barrier.SignalAndWait(TimeSpan.FromSeconds(20)), "the provider calls did not overlap");
            return EscValue.FromString("ok");
        })));
        var (value, diagnostics) = await Evaluate.Yaml("values:\n  a: {fn::open::wait: {n: 1}}\n  b: {fn::open::wait: {n: 2}}\n  c: {fn::open::wait: {n: 3}}\n  d: {fn::open::wait: {n: 4}}\n", providers: providers);
        Assert.Empty(diagnostics);
        Assert.Equal("""{"a":"ok","b":"ok","c":"ok","d":"ok"}""", value!.ToJson());
    }

    [Fact]
    public async Task The_imports_of_a_definition_are_announced_together_before_any_of_them_loads()
    {
        var environments = new MemoryEnvironments()
            .Add("a", "imports: [d, e]\nvalues:\n  a: 1\n")
            .Add("b", "imports: [f]\nvalues:\n  b: 2\n")
            .Add("c", "values:\n  c: 3\n")
            .Add("d", "values:\n  d: 4\n")
            .Add("e", "values:\n  e: 5\n")
            .Add("f", "values:\n  f: 6\n");

        var (value, diagnostics) = await Evaluate.Yaml("imports: [a, b, c]\n", loader: environments);

        Assert.Empty(diagnostics);
        Assert.Equal("""{"a":1,"b":2,"c":3,"d":4,"e":5,"f":6}""", value!.ToJson());
        var calls = environments.Calls.ToList();
        // A single import has nothing to be looked up with.
        Assert.Equal(["prepare a,b,c", "prepare d,e"], calls.Where(c => c.StartsWith("prepare", StringComparison.Ordinal)).Order());
        Assert.All(["a", "b", "c"], name => Assert.True(calls.IndexOf("prepare a,b,c") < calls.IndexOf("load " + name)));
        Assert.All(["d", "e"], name => Assert.True(calls.IndexOf("prepare d,e") < calls.IndexOf("load " + name)));
    }

    [Fact]
    public async Task A_preparation_that_fails_changes_nothing()
    {
        var environments = new MemoryEnvironments { PrepareFailure = new InvalidOperationException("the database is down") }
            .Add("a", "values:\n  a: 1\n")
            .Add("b", "values:\n  b: 2\n");

        var (value, diagnostics) = await Evaluate.Yaml("imports: [a, b]\n", loader: environments);

        Assert.Empty(diagnostics);
        Assert.Equal("""{"a":1,"b":2}""", value!.ToJson());
    }

    [Fact]
    public async Task Each_environment_is_loaded_once_even_when_imported_many_times()
    {
        var environments = new MemoryEnvironments()
            .Add("left", "imports: [shared]\nvalues:\n  l: ${imports.shared.s}\n")
            .Add("right", "imports: [shared]\nvalues:\n  r: 1\n")
            .Add("shared", "values:\n  s: 1\n");
        var (value, diagnostics) = await Evaluate.Yaml("imports: [left, right, shared]\nvalues:\n  x: ${environments.p.e}\n", loader: environments.Add("p/e", "imports: [shared]\nvalues:\n  e: 1\n"));
        Assert.Empty(diagnostics);
        Assert.All(environments.LoadCounts, count => Assert.Equal(1, count.Value));
        Assert.Equal("1", value!["s"]!.AsNumberText);
    }

    [Fact]
    public async Task A_provider_call_is_made_once_although_evaluation_takes_several_passes()
    {
        var calls = new ConcurrentDictionary<string, int>();
        var providers = new ProviderRegistry().Add("count", new Provider(async inputs =>
        {
            await Task.Yield();
            calls.AddOrUpdate(inputs.ToJson(reveal: true), 1, (_, n) => n + 1);
            return inputs;
        }));
        var environments = new MemoryEnvironments { BeforeLoad = (_, _) => Task.Delay(20) }.Add("p/late", "values:\n  x: 1\n");
        // The inline reference is only discovered while evaluating, and the second open depends on the first.
        var yaml = "values:\n  first: {fn::open::count: {n: 1}}\n  second: {fn::open::count: {n: \"${first.n}-2\"}}\n  late: ${environments.p.late.x}\n";
        var (value, diagnostics) = await Evaluate.Yaml(yaml, loader: environments, providers: providers);
        Assert.Empty(diagnostics);
        Assert.Equal("1", value!["late"]!.AsNumberText);
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal(1, c.Value));
    }

    private sealed class Provider(Func<EscValue, Task<EscValue>> open) : IProvider
    {
        public Schema Inputs => Schema.Always;

        public Schema Outputs => Schema.Always;

        public async ValueTask<EscValue> OpenAsync(EscValue inputs, ProviderContext context, CancellationToken cancellationToken) => await open(inputs);
    }
}
