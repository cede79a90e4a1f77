using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Coffer.Server.Tests.Storage;

/// <summary>The store contract on SQLite: a database file in a temporary data directory.</summary>
public sealed class SqliteStoreTests(TempFolder folder) : StoreContractTests, IClassFixture<TempFolder>
{
    private string SharedDataDirectory => Path.Combine(folder.Path, "shared");

    protected override string DialectName => "sqlite";

    protected override ICofferStore OpenStore() => StoreFactory.Open("sqlite", SharedDataDirectory);

    protected override Task<EmptyDatabase> CreateEmptyDatabaseAsync()
    {
        var dataDirectory = folder.NewSubfolder();
        return Task.FromResult(new EmptyDatabase(
            () => StoreFactory.Open("sqlite", dataDirectory),
            async sql =>
            {
                await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, StoreFactory.SqliteFileName)}");
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = sql;
                return await command.ExecuteScalarAsync();
            }));
    }

    [Fact]
    public async Task The_database_is_kept_in_write_ahead_log_mode()
    {
        var database = await CreateEmptyDatabaseAsync();
        await Track(database.Open()).MigrateAsync(None);

        Assert.Equal("wal", await database.ScalarAsync("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task Foreign_keys_are_enforced_on_every_connection()
    {
        var organization = await NewOrganizationAsync();
        var environment = await NewEnvironmentAsync(organization);

        // Without foreign keys SQLite would accept a tag on a revision that does not exist.
        await Assert.ThrowsAsync<ConflictException>(() =>
            Store.CreateRevisionTagAsync(new RevisionTag(environment.Id, "ghost", 42, T0, T0, Alice.Login, Alice.Name), None));
    }
}
