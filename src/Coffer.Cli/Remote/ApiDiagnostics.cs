using Coffer.Cli.Output;
using Coffer.Language.Diagnostics;
using ApiDiagnostic = Coffer.Client.Models.Diagnostic;

namespace Coffer.Cli.Remote;

/// <summary>The server's diagnostics as the language's, so they print like local ones.</summary>
internal static class ApiDiagnostics
{
    public static Diagnostic ToLanguage(ApiDiagnostic diagnostic) =>
        diagnostic.IsError
            ? Diagnostic.Error(diagnostic.Summary, diagnostic.Path, ApiValues.ToRange(diagnostic.Range))
            : Diagnostic.Warning(diagnostic.Summary, diagnostic.Path, ApiValues.ToRange(diagnostic.Range));

    public static IReadOnlyList<Diagnostic> ToLanguage(IEnumerable<ApiDiagnostic>? diagnostics) =>
        diagnostics is null ? [] : [.. diagnostics.Select(ToLanguage)];

    public static string Format(ApiDiagnostic diagnostic) =>
        DiagnosticPrinter.Format(ToLanguage(diagnostic), new Dictionary<string, string>());
}
