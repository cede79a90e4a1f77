using System.Collections.Concurrent;
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
/// The imports of a definition are looked up together before they are loaded (<see cref="PrepareAsync"/>).
/// </summary>
public sealed class StoredEnvironmentLoader(
    ICofferStore store,
    KeyRing keys,
    EnvironmentAccess access,
    Caller caller,
    Organization organization,
    LatestRevisionCache latestRevisions) : IEnvironmentLoader
{
    // More names than this in one definition are looked up one at a time.
    private const int MaxPrepared = 64;

    // What PrepareAsync found for each name it looked up, null for those that do not exist.
    private readonly ConcurrentDictionary<(string Project, string Name), EnvironmentUnderAccess?> _prepared = new();

    public async ValueTask PrepareAsync(IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        if (!store.LookupsAreRoundTrips)
        {
            // SQLite: each load's own lookup is a prepared statement in this process, as cheap as any other way.
            return;
        }
        var wanted = names.Take(MaxPrepared).Select(EnvironmentNames.ParseImport).OfType<ImportReference>()
            .Select(reference => (reference.Project, reference.Environment)).Distinct().ToList();
        if (wanted.Count < 2)
        {
            return;
        }
        var found = (await store.FindEnvironmentsUnderAccessAsync(organization.Id, wanted, cancellationToken))
            .ToDictionary(f => (f.Environment.Project, f.Environment.Name));
        foreach (var key in wanted)
        {
            _prepared.TryAdd(key, found.GetValueOrDefault(key));
        }
    }

    public async ValueTask<LoadedEnvironment> LoadAsync(string name, CancellationToken cancellationToken)
    {
        var reference = EnvironmentNames.ParseImport(name)
            ?? throw new EnvironmentLoadException($"invalid environment name \"{name}\"");
        EnvironmentRecord environment;
        try
        {
            environment = _prepared.TryGetValue((reference.Project, reference.Environment), out var found)
                ? await access.RequireAsync(caller, organization, reference.Project, reference.Environment, found, Permission.Open, cancellationToken)
                : (await access.RequireAsync(caller, organization.Name, reference.Project, reference.Environment, Permission.Open, cancellationToken)).Environment;
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
