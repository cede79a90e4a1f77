using Coffer.Language.Declarations;
using Coffer.Language.Evaluation;
using Coffer.Language.Hosting;
using Coffer.Language.Values;

namespace Coffer.Language;

/// <summary>
/// Evaluates environment definitions: resolves imports and references, runs built-ins, calls
/// providers and rotators, and tracks which values are secret or unknown. Imports load and
/// providers run concurrently (bounded); every distinct environment is evaluated once per
/// evaluation and every provider call is made once. Thread-safe: one evaluator can serve many
/// evaluations at once.
/// </summary>
public sealed class EnvironmentEvaluator
{
    private const int MaxPasses = 64;
    private readonly IProviderRegistry _providers;
    private readonly IEnvironmentLoader? _loader;
    private readonly DefinitionCache _definitions;

    /// <summary>Creates an evaluator.</summary>
    /// <param name="providers">Providers and rotators; none when null.</param>
    /// <param name="loader">Loads imported environments; imports fail when null.</param>
    /// <param name="limits">Bounds on each evaluation; <see cref="EvaluationLimits.Default"/> when null.</param>
    /// <param name="definitions">Parsed definitions shared with other evaluators; a private cache when null.</param>
    public EnvironmentEvaluator(IProviderRegistry? providers = null, IEnvironmentLoader? loader = null, EvaluationLimits? limits = null, DefinitionCache? definitions = null)
    {
        _providers = providers ?? ProviderRegistry.Empty;
        _loader = loader;
        Limits = limits ?? EvaluationLimits.Default;
        _definitions = definitions ?? new DefinitionCache();
    }

    /// <summary>The limits each evaluation runs under.</summary>
    public EvaluationLimits Limits { get; }

    /// <summary>Parses <paramref name="yaml"/> as environment <paramref name="name"/> with this evaluator's limits.</summary>
    public EnvironmentDefinition Parse(string name, string yaml) => EnvironmentDefinition.Parse(name, yaml, Limits);

    /// <summary>
    /// Exports the root value within the value limit: values built from many references to one
    /// another can be small in memory yet enormous when written out.
    /// </summary>
    private EscValue ExportResult(EvalValue root, List<Diagnostics.Diagnostic> diagnostics)
    {
        long budget = Limits.MaxValues;
        var truncated = false;
        var value = root.ExportWithin(ref budget, new Dictionary<EvalValue, long>(ReferenceEqualityComparer.Instance), ref truncated);
        if (truncated)
        {
            diagnostics.Add(Diagnostics.Diagnostic.Error($"the environment's value has more than {Limits.MaxValues} parts when written out; the largest parts are unknown"));
        }
        return value;
    }

    /// <summary>
    /// Evaluates a definition. Never throws for problems of the definition, its imports or its
    /// providers, nor for limits, deadlines or cancellation: those are diagnostics.
    /// </summary>
    public async Task<EvaluationResult> EvaluateAsync(EnvironmentDefinition definition, EvaluationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= new EvaluationOptions();
        var hostContext = options.Context ?? EscValue.EmptyObject;
        if (hostContext.Kind != EscValueKind.Object)
        {
            throw new ArgumentException("the context must be an object", nameof(options));
        }
        if (hostContext["currentEnvironment"] is not null || hostContext["rootEnvironment"] is not null)
        {
            throw new ArgumentException("currentEnvironment and rootEnvironment are reserved context keys", nameof(options));
        }

        if (definition.IsUnreadable || definition.IsEmpty)
        {
            return new EvaluationResult(null, [], [], hostContext);
        }

        using var session = new EvaluationSession(_loader, Limits, _definitions, cancellationToken);
        await session.PrefetchImportsAsync(definition.ImportNames, 1).WaitAsync(session.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        for (var passes = 1; ; passes++)
        {
            session.BeginPass();
            var pass = new EvaluationPass(session, _providers, options.Mode, options.ShowSecrets, options.RotatePaths, hostContext, options.HostState);
            var scope = new EnvironmentScope(pass, definition.Name, definition, options.Decrypter);
            var value = scope.Evaluate();
            if (!session.HasPending || passes >= MaxPasses)
            {
                return new EvaluationResult(ExportResult(value, pass.Diagnostics), pass.Diagnostics, pass.Patches, scope.ContextValue);
            }
            await session.WaitForPendingAsync().ConfigureAwait(false);
        }
    }
}
