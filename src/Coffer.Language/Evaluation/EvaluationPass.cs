using System.Runtime.CompilerServices;
using Coffer.Language.Diagnostics;
using Coffer.Language.Hosting;
using Coffer.Language.Syntax;
using Coffer.Language.Values;

namespace Coffer.Language.Evaluation;

/// <summary>The evaluation state of one environment name within a pass: being evaluated, or its value.</summary>
internal sealed class ImportState
{
    public bool Evaluating { get; set; }

    public EvalValue? Value { get; set; }
}

/// <summary>
/// One synchronous pass over the root environment and everything it imports. Holds what the
/// environments of the pass share: the memo of evaluated environments, diagnostics, rotation
/// patches, limits, and the session that does the asynchronous work.
/// </summary>
internal sealed class EvaluationPass(
    EvaluationSession session,
    IProviderRegistry providers,
    EvaluationMode mode,
    bool showSecrets,
    IReadOnlyList<PropertyPath>? rotatePaths,
    EscValue hostContext,
    object? hostState)
{
    private int _depth;
    private int _steps;

    public EvaluationSession Session { get; } = session;

    public IProviderRegistry Providers { get; } = providers;

    public EvaluationMode Mode { get; } = mode;

    public bool Validating => Mode == EvaluationMode.Check;

    public bool Rotating => Mode == EvaluationMode.Rotate;

    public bool ShowSecrets { get; } = showSecrets;

    public IReadOnlyList<PropertyPath>? RotatePaths { get; } = rotatePaths;

    public EscValue HostContext { get; } = hostContext;

    public object? HostState { get; } = hostState;

    public EvaluationBudget Budget { get; } = new(session.Limits);

    public Dictionary<string, ImportState> Environments { get; } = new(StringComparer.Ordinal);

    public List<Diagnostic> Diagnostics { get; } = [];

    public List<RotationPatch> Patches { get; } = [];

    /// <summary>Set when the deadline passed during the pass: everything not yet evaluated becomes unknown.</summary>
    public bool Aborted { get; private set; }

    /// <summary>
    /// Enters one level of nested evaluation. Returns false (after reporting once) when the nesting
    /// limit, the stack or the deadline says to stop; the caller then yields an unknown value.
    /// </summary>
    public bool TryEnter(Declarations.Expr at)
    {
        if (Aborted)
        {
            return false;
        }
        if ((++_steps & 0xFF) == 0 && Session.Token.IsCancellationRequested)
        {
            Aborted = true;
            Diagnostics.Add(Diagnostic.Error(Session.StopMessage(), at.Path, at.Range));
            return false;
        }
        if (_depth >= Session.Limits.MaxEvaluationDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Diagnostics.Add(Diagnostic.Error($"the expression nests deeper than the limit of {Session.Limits.MaxEvaluationDepth} levels", at.Path, at.Range));
            return false;
        }
        _depth++;
        return true;
    }

    public void Leave() => _depth--;
}
