using Coffer.Language.Hosting;
using Coffer.Language.Tests.Conformance;

namespace Coffer.Benchmarks;

/// <summary>A loader that returns definitions already in memory, to separate file I/O from evaluation.</summary>
internal sealed class InMemoryEnvironments(IEnumerable<(string Name, byte[] Yaml)> environments) : IEnvironmentLoader
{
    private readonly Dictionary<string, LoadedEnvironment> _environments =
        environments.ToDictionary(e => e.Name, e => new LoadedEnvironment(e.Yaml, Rot128.Instance), StringComparer.Ordinal);

    public ValueTask<LoadedEnvironment> LoadAsync(string name, CancellationToken cancellationToken) =>
        _environments.TryGetValue(name, out var loaded)
            ? ValueTask.FromResult(loaded)
            : ValueTask.FromException<LoadedEnvironment>(new EnvironmentLoadException($"environment {name} not found"));
}
