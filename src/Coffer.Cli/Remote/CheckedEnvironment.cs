using Coffer.Language.Values;
using ApiDiagnostic = Coffer.Client.Models.Diagnostic;

namespace Coffer.Cli.Remote;

/// <summary>
/// A stored definition (at a version) and its value as the server checks it: imports resolved,
/// providers not run, secrets hidden unless revealed. What <c>env get</c> and <c>env diff</c> show.
/// </summary>
internal sealed record CheckedEnvironment(string Definition, EscValue? Value, IReadOnlyList<ApiDiagnostic> Diagnostics)
{
    public static async Task<CheckedEnvironment> LoadAsync(RemoteSession session, ResolvedReference reference, bool showSecrets, CancellationToken cancellationToken)
    {
        var definition = await session.Client.GetEnvironmentAsync(reference.Path, reference.Version, showSecrets, cancellationToken).ConfigureAwait(false);
        var checkedEnvironment = await session.Client.CheckEnvironmentAsync(reference.Path.Organization, definition.Yaml, showSecrets, cancellationToken).ConfigureAwait(false);
        return new CheckedEnvironment(definition.Yaml, ApiValues.ToEnvironment(checkedEnvironment.Properties), checkedEnvironment.Diagnostics ?? []);
    }
}
