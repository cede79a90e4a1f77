using Coffer.Server.Api;
using Coffer.Server.Environments;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Storage;

/// <summary>
/// The cache of latest revisions that evaluation reads through, against a real database: it must
/// never hide a write, including one made by another replica (another store on the same database).
/// </summary>
public abstract partial class StoreContractTests
{
    [DatabaseFact]
    public async Task The_latest_revision_cache_sees_a_revision_written_through_another_replica_at_once()
    {
        var environment = await NewEnvironmentAsync();
        var cache = new LatestRevisionCache();
        Assert.Equal(1, (await RevisionResolver.ResolveAsync(Store, environment, null, None, cache)).Number);
        Assert.Same(await RevisionResolver.ResolveAsync(Store, environment, null, None, cache), await RevisionResolver.ResolveAsync(Store, environment, null, None, cache));

        var otherReplica = Track(OpenStore());
        await otherReplica.AddRevisionAsync(environment.Id, null, "values:\n  greeting: bonjour\n", Alice, T0.AddMinutes(1), [], None);

        var current = (await Store.GetEnvironmentAsync(environment.Id, None))!;
        var revision = await RevisionResolver.ResolveAsync(Store, current, null, None, cache);
        Assert.Equal(2, revision.Number);
        Assert.Equal("values:\n  greeting: bonjour\n", revision.Definition);
    }

    [DatabaseFact]
    public async Task The_latest_revision_cache_does_not_serve_older_revisions_as_they_can_be_retracted()
    {
        var environment = await NewEnvironmentAsync();
        var cache = new LatestRevisionCache();
        var first = await RevisionResolver.ResolveAsync(Store, environment, "1", None, cache);
        await Store.AddRevisionAsync(environment.Id, null, "values:\n  greeting: bonjour\n", Alice, T0.AddMinutes(1), [], None);
        var current = (await Store.GetEnvironmentAsync(environment.Id, None))!;
        await Store.RetractRevisionAsync(environment.Id, 1, new Retraction(2, T0.AddMinutes(2), Alice.Login, Alice.Name, "leaked"), None);

        Assert.Equal(1, first.Number);
        var error = await Assert.ThrowsAsync<ApiError>(() => RevisionResolver.ResolveAsync(Store, current, "1", None, cache));
        Assert.Equal(404, error.Status);
        Assert.Null(cache.Find(current, 1));
    }
}
