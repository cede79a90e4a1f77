namespace Coffer.Language;

/// <summary>
/// Bounds on the work one evaluation may do. Hitting a limit is a diagnostic at the place that hit
/// it (the rest of the environment still evaluates); it is never a crash or a hang.
/// </summary>
public sealed record EvaluationLimits
{
    /// <summary>The limits used when none are given.</summary>
    public static EvaluationLimits Default { get; } = new();

    /// <summary>Largest definition, in UTF-8 bytes (default 512 KiB).</summary>
    public int MaxDocumentBytes { get; init; } = 512 * 1024;

    /// <summary>Deepest nesting of YAML mappings and sequences in one definition (default 128).</summary>
    public int MaxNestingDepth { get; init; } = 128;

    /// <summary>Longest chain of imports below the root environment (default 32).</summary>
    public int MaxImportDepth { get; init; } = 32;

    /// <summary>Most distinct environments one evaluation may load, through imports and references (default 256).</summary>
    public int MaxEnvironments { get; init; } = 256;

    /// <summary>Most <c>fn::open</c> and <c>fn::rotate</c> calls in one evaluation (default 256).</summary>
    public int MaxOpens { get; init; } = 256;

    /// <summary>Longest string an expression may produce, in characters (default 1 Mi).</summary>
    public int MaxStringLength { get; init; } = 1 << 20;

    /// <summary>Most values one evaluation may build, counting every copy a reference makes (default 1,000,000).</summary>
    public int MaxValues { get; init; } = 1_000_000;

    /// <summary>Deepest chain of references and nested expressions evaluated at once (default 1,000).</summary>
    public int MaxEvaluationDepth { get; init; } = 1000;

    /// <summary>Wall-clock budget for the whole evaluation, waiting for loads and providers included (default 30 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most environment loads in flight at once (default 64).</summary>
    public int MaxConcurrentLoads { get; init; } = 64;

    /// <summary>Most provider and rotator calls in flight at once (default 64).</summary>
    public int MaxConcurrentOpens { get; init; } = 64;
}
