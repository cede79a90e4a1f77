using Coffer.Cli.CommandLine;
using Coffer.Cli.Output;
using Coffer.Cli.Remote;
using Coffer.Client;
using ApiDiagnostic = Coffer.Client.Models.Diagnostic;

namespace Coffer.Cli.Commands.Environments;

/// <summary>Prints the server's diagnostics of a definition, pointing at the file it came from when there is one.</summary>
internal static class DefinitionDiagnostics
{
    /// <param name="writer">Where to print (standard error).</param>
    /// <param name="diagnostics">The server's diagnostics.</param>
    /// <param name="environment">The environment the definition belongs to (its ranges name it <c>project/env</c>, or <c>&lt;yaml&gt;</c> for a check).</param>
    /// <param name="file">The file the definition was read from, if any.</param>
    public static void Print(TextWriter writer, IEnumerable<ApiDiagnostic> diagnostics, EnvironmentPath environment, string? file = null)
    {
        var shownAs = file ?? $"{environment.Project}/{environment.Name}";
        var names = new Dictionary<string, string>
        {
            [$"{environment.Project}/{environment.Name}"] = shownAs,
            ["<yaml>"] = shownAs,
        };
        foreach (var diagnostic in diagnostics)
        {
            writer.Write(DiagnosticPrinter.Format(ApiDiagnostics.ToLanguage(diagnostic), names) + "\n");
        }
    }

    /// <summary>Prints the diagnostics of a refused definition and the failure to report after them.</summary>
    public static CommandFailure Refused(TextWriter writer, CofferApiException refusal, EnvironmentPath environment, string what, string? file = null)
    {
        Print(writer, refusal.Diagnostics, environment, file);
        var errors = refusal.Diagnostics.Count(d => d.IsError);
        return new CommandFailure($"{what}: the definition has {(errors == 1 ? "an error" : $"{errors} errors")}", refusal);
    }
}
