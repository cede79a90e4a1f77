using System.Text;
using Coffer.Language.Hosting;
using Coffer.Server.Api;
using Coffer.Server.Auth;
using Coffer.Server.Crypto;
using Coffer.Server.Storage;

namespace Coffer.Server.Environments;

/// <summary>
/// Loads the environments a stored definition imports or references, from the same organization:
/// at their latest revision, a revision number (<c>@3</c>) or a tag (<c>@stable</c>), with the
/// caller's access checked — importing needs open access, as the imported values are evaluated.
/// </summary>
public sealed class StoredEnvironmentLoader(
    ICofferStore store,
    KeyRing keys,
    EnvironmentAccess access,
    Caller caller,
    Organization organization,
    LatestRevisionCache latestRevisions) : IEnvironmentLoader
{
    public async ValueTask<LoadedEnvironment> LoadAsync(string name, CancellationToken cancellationToken)
    {
        var reference = EnvironmentNames.ParseImport(name)
            ?? throw new EnvironmentLoadException($"invalid environment name \"{name}\"");
        EnvironmentRecord environment;
        try
        {
            (_, environment) = await access.RequireAsync(caller, organization.Name, reference.Project, reference.Environment, Permission.Open, cancellationToken);
        }
        catch (ApiError error)
        {
            throw new EnvironmentLoadException(error.Status == StatusCodes.Status404NotFound
                ? $"environment {name} not found"
                : $"{name}: {error.Message}");
        }
        try
        {
            var revision = await RevisionResolver.ResolveAsync(store, environment, reference.Version, cancellationToken, latestRevisions);
            return new LoadedEnvironment(Encoding.UTF8.GetBytes(revision.Definition), keys.CipherFor(environment));
        }
        catch (ApiError error)
        {
            // The environment exists: say which revision or tag is missing or retracted.
            throw new EnvironmentLoadException($"{name}: {error.Message}");
        }
    }
}
