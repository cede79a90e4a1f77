using System.Net;
using Coffer.Cli.Sources;
using Coffer.Client;

namespace Coffer.Cli.Remote;

/// <summary>
/// An environment opened on a Coffer server: the server evaluates it (secrets decrypted, providers
/// run) in an open session, and its values come back with their secret flags, so printing and
/// running a program work exactly as for local files.
/// </summary>
internal sealed class RemoteEnvironmentSource(string reference, TimeSpan? lifetime) : IEnvironmentSource
{
    public async Task<OpenedEnvironment> OpenAsync(CancellationToken cancellationToken)
    {
        using var session = RemoteSession.Connect();
        try
        {
            var resolved = await session.ResolveAsync(reference, cancellationToken).ConfigureAwait(false);
            // Blocking: a command that opens one environment is quicker without the asynchronous HTTP code (CommandHttpClient).
            var environment = session.Client.OpenAndReadEnvironment(resolved.Path, resolved.Version, lifetime, cancellationToken);
            return new OpenedEnvironment(ApiValues.ToEnvironment(environment.Properties), ApiDiagnostics.ToLanguage(environment.Diagnostics), NoFiles, []);
        }
        catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.BadRequest && ex.Diagnostics.Count > 0)
        {
            // The definition has errors: report them as a local evaluation would.
            return new OpenedEnvironment(null, ApiDiagnostics.ToLanguage(ex.Diagnostics), NoFiles, []);
        }
        catch (Exception ex) when (session.Describe(ex) is { } failure)
        {
            throw failure;
        }
    }

    private static readonly IReadOnlyDictionary<string, string> NoFiles = new Dictionary<string, string>();
}
