using System.Collections.Concurrent;
using System.Text;
using Coffer.Language.Declarations;
using Coffer.Language.Diagnostics;
using Coffer.Language.Hosting;
using Coffer.Language.Values;

namespace Coffer.Language.Tests.Support;

/// <summary>Environments kept in memory for tests; counts how often each is loaded and logs what it is told.</summary>
internal sealed class MemoryEnvironments : IEnvironmentLoader
{
    private readonly ConcurrentDictionary<string, string> _definitions = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, int> LoadCounts { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs before each load; tests use it to delay or coordinate loads.</summary>
    public Func<string, CancellationToken, Task>? BeforeLoad { get; set; }

    /// <summary>Calls in order: <c>prepare a,b</c> for <see cref="PrepareAsync"/>, <c>load a</c> for <see cref="LoadAsync"/>.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>When set, <see cref="PrepareAsync"/> throws it.</summary>
    public Exception? PrepareFailure { get; set; }

    public ValueTask PrepareAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        Calls.Enqueue("prepare " + string.Join(",", names));
        return PrepareFailure is null ? ValueTask.CompletedTask : ValueTask.FromException(PrepareFailure);
    }

    public MemoryEnvironments Add(string name, string yaml)
    {
        _definitions[name] = yaml;
        return this;
    }

    public async ValueTask<LoadedEnvironment> LoadAsync(string name, CancellationToken cancellationToken)
    {
        LoadCounts.AddOrUpdate(name, 1, (_, n) => n + 1);
        Calls.Enqueue("load " + name);
        if (BeforeLoad is not null)
        {
            await BeforeLoad(name, cancellationToken);
        }
        return _definitions.TryGetValue(name, out var yaml)
            ? new LoadedEnvironment(Encoding.UTF8.GetBytes(yaml), null)
            : throw new EnvironmentLoadException($"environment {name} not found");
    }
}

/// <summary>Shortcuts for evaluating YAML text in tests.</summary>
internal static class Evaluate
{
    public static async Task<(EscValue? Value, IReadOnlyList<Diagnostic> Diagnostics)> Yaml(
        string yaml,
        EvaluationMode mode = EvaluationMode.Open,
        IEnvironmentLoader? loader = null,
        IProviderRegistry? providers = null,
        EvaluationLimits? limits = null,
        CancellationToken cancellationToken = default)
    {
        var definition = EnvironmentDefinition.Parse("test", yaml, limits);
        var evaluator = new EnvironmentEvaluator(providers, loader, limits);
        var result = await evaluator.EvaluateAsync(definition, new EvaluationOptions { Mode = mode }, cancellationToken);
        return (result.Value, [.. definition.Diagnostics, .. result.Diagnostics]);
    }

    public static string Json(EscValue? value, bool reveal = true) => value?.ToJson(reveal) ?? "null";
}
