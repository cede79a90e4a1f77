using Coffer.Language.Diagnostics;
using Coffer.Language.Hosting;
using Coffer.Language.Syntax;
using Coffer.Language.Values;

namespace Coffer.Language;

/// <summary>How to evaluate an environment.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Check, open (the default) or rotate.</summary>
    public EvaluationMode Mode { get; init; } = EvaluationMode.Open;

    /// <summary>When checking, decrypt ciphertexts too (so their values can be shown).</summary>
    public bool ShowSecrets { get; init; }

    /// <summary>Decrypts the root definition's ciphertexts.</summary>
    public ISecretDecrypter? Decrypter { get; init; }

    /// <summary>
    /// The host's part of <c>${context}</c> (for example <c>pulumi.user.login</c>). The evaluator adds
    /// <c>currentEnvironment.name</c> and <c>rootEnvironment.name</c>, which the host must not supply.
    /// </summary>
    public EscValue? Context { get; init; }

    /// <summary>When rotating, the <c>fn::rotate</c> calls to rotate (paths relative to <c>values</c>); all when empty.</summary>
    public IReadOnlyList<PropertyPath>? RotatePaths { get; init; }

    /// <summary>Passed through to providers in <see cref="ProviderContext.HostState"/>.</summary>
    public object? HostState { get; init; }
}

/// <summary>A rotation's new state, to be written back into the definition at <see cref="DocumentPath"/>.</summary>
/// <param name="DocumentPath">Where the state goes, for example <c>values.db["fn::rotate::postgres"].state</c>.</param>
/// <param name="Replacement">The new state.</param>
public sealed record RotationPatch(string DocumentPath, EscValue Replacement);

/// <summary>The outcome of evaluating an environment.</summary>
public sealed class EvaluationResult
{
    internal EvaluationResult(EscValue? value, IReadOnlyList<Diagnostic> diagnostics, IReadOnlyList<RotationPatch> patches, EscValue context)
    {
        Value = value;
        Diagnostics = diagnostics;
        Patches = patches;
        ExecutionContext = context;
    }

    /// <summary>The environment's top-level object, or null when the definition defines nothing.</summary>
    public EscValue? Value { get; }

    /// <summary>Problems found by this evaluation (the definition's own load diagnostics are on the definition).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when an error was found.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>State write-backs of successful rotations (rotate mode only).</summary>
    public IReadOnlyList<RotationPatch> Patches { get; }

    /// <summary>The <c>context</c> object the root environment saw.</summary>
    public EscValue ExecutionContext { get; }
}
