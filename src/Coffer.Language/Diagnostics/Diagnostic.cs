using Coffer.Language.Syntax;

namespace Coffer.Language.Diagnostics;

/// <summary>How serious a diagnostic is.</summary>
public enum DiagnosticSeverity
{
    /// <summary>The definition is wrong; the affected value is unknown or dropped.</summary>
    Error,

    /// <summary>Something is suspicious but evaluation is unaffected.</summary>
    Warning,
}

/// <summary>A problem found while loading, checking, evaluating or rotating an environment.</summary>
/// <param name="Severity">Error or warning.</param>
/// <param name="Summary">The message, worded as the ESC evaluator words it.</param>
/// <param name="Path">The document path of the blamed node (for example <c>values.a.b[0]</c>), if any.</param>
/// <param name="Range">The blamed text, if known. <see cref="SourceRange.Environment"/> names the environment.</param>
public sealed record Diagnostic(DiagnosticSeverity Severity, string Summary, string? Path, SourceRange? Range)
{
    /// <summary>True for <see cref="DiagnosticSeverity.Error"/>.</summary>
    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>Creates an error.</summary>
    public static Diagnostic Error(string summary, string? path = null, SourceRange? range = null) =>
        new(DiagnosticSeverity.Error, summary, string.IsNullOrEmpty(path) ? null : path, range);

    /// <summary>Creates a warning.</summary>
    public static Diagnostic Warning(string summary, string? path = null, SourceRange? range = null) =>
        new(DiagnosticSeverity.Warning, summary, string.IsNullOrEmpty(path) ? null : path, range);

    /// <summary>Formats the diagnostic as <c>file:line:column: severity: summary</c>.</summary>
    public override string ToString()
    {
        var severity = IsError ? "error" : "warning";
        return Range is null ? $"{severity}: {Summary}" : $"{Range.Environment}:{Range.Begin.Line}:{Range.Begin.Column}: {severity}: {Summary}";
    }
}
