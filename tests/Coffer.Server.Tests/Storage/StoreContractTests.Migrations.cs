using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Storage;

public abstract partial class StoreContractTests
{
    /// <summary>The migrations this dialect embeds (counted from the resources, not hard-coded).</summary>
    protected abstract string DialectName { get; }

    [DatabaseFact]
    public async Task Migrating_again_is_a_no_op_that_keeps_the_data()
    {
        var database = await CreateEmptyDatabaseAsync();
        var store = Track(database.Open());
        await store.MigrateAsync(None);
        var organization = await NewOrganizationAsync(store: store);
        var environment = await NewEnvironmentAsync(organization, store: store);

        await store.MigrateAsync(None);
        var restarted = Track(database.Open());
        await restarted.MigrateAsync(None);

        Assert.Equal(organization, await restarted.GetOrganizationAsync(organization.Id, None));
        AssertSameEnvironment(environment, await restarted.GetEnvironmentAsync(environment.Id, None));
        Assert.Equal(Convert.ToInt64(SchemaMigration.For(DialectName).Count), Convert.ToInt64(await database.ScalarAsync("SELECT COUNT(*) FROM schema_migrations")));
    }

    [DatabaseFact]
    public async Task Replicas_migrating_a_new_database_at_the_same_time_all_succeed()
    {
        var database = await CreateEmptyDatabaseAsync();
        var replicas = Enumerable.Range(0, 4).Select(_ => Track(database.Open())).ToList();

        await Task.WhenAll(replicas.Select(replica => Task.Run(() => replica.MigrateAsync(None))));

        Assert.Equal(Convert.ToInt64(SchemaMigration.For(DialectName).Count), Convert.ToInt64(await database.ScalarAsync("SELECT COUNT(*) FROM schema_migrations")));
        await NewEnvironmentAsync(store: replicas[^1]);
    }

    [DatabaseFact]
    public async Task A_database_migrated_by_a_newer_server_is_refused()
    {
        var database = await CreateEmptyDatabaseAsync();
        await Track(database.Open()).MigrateAsync(None);
        await database.ScalarAsync("INSERT INTO schema_migrations (version, name, applied) VALUES (9999, '9999_future', 0)");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Track(database.Open()).MigrateAsync(None));
        Assert.Contains("9999", error.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task A_reachable_database_answers_a_ping()
    {
        Assert.True(await Store.PingAsync(None));
    }
}
