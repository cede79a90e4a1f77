using Coffer.Cli.CommandLine;
using Coffer.Cli.Sources;
using Coffer.Language.Diagnostics;

namespace Coffer.Cli.Output;

/// <summary>
/// Prints what went wrong while opening an environment, one problem per line, in the
/// <c>file:line:column: severity: message</c> form editors and CI annotations understand.
/// </summary>
internal static class DiagnosticPrinter
{
    public static void Print(TextWriter writer, OpenedEnvironment environment)
    {
        foreach (var warning in environment.Warnings)
        {
            ConsoleReport.Warning(writer, warning);
        }
        foreach (var diagnostic in environment.Diagnostics)
        {
            writer.Write(Format(diagnostic, environment.SourceFiles) + "\n");
        }
    }

    public static string Format(Diagnostic diagnostic, IReadOnlyDictionary<string, string> sourceFiles)
    {
        var severity = diagnostic.IsError ? "error" : "warning";
        // Continuation lines are indented so that every diagnostic still starts a line of its own.
        var summary = diagnostic.Summary.ReplaceLineEndings("\n    ");
        if (diagnostic.Range is not { } range)
        {
            return $"{severity}: {summary}";
        }
        var file = sourceFiles.GetValueOrDefault(range.Environment) ?? range.Environment;
        return $"{file}:{range.Begin.Line}:{range.Begin.Column}: {severity}: {summary}";
    }
}
