using Coffer.Language.Diagnostics;
using Coffer.Language.Values;

namespace Coffer.Cli.Sources;

/// <summary>The outcome of opening an environment.</summary>
/// <param name="Value">The environment's top-level object; null when it defines nothing.</param>
/// <param name="Diagnostics">Problems of the definitions involved, load diagnostics first.</param>
/// <param name="SourceFiles">The file each environment name came from, for pointing diagnostics at files.</param>
/// <param name="Warnings">Problems of the source rather than of a definition (for example versions it cannot honour).</param>
internal sealed record OpenedEnvironment(
    EscValue? Value,
    IReadOnlyList<Diagnostic> Diagnostics,
    IReadOnlyDictionary<string, string> SourceFiles,
    IReadOnlyList<string> Warnings)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
