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

    [Fact]
    public async Task The_write_ahead_log_is_checkpointed_and_restarted_while_writers_and_readers_go_on()
    {
        // 48 MB of sessions at up to 2,000 a second, a busy server's pace. Left to grow, the log
        // would hold every page written, over three times that (173 MB when this was written);
        // checkpointed in the background and restarted from its beginning, it holds what was
        // written during a few rounds of the checkpointer (about 14 MB here, more when the disk is
        // slow to sync).
        const int Sessions = 6000;
        const long SessionBytes = Sessions * 8_000L;
        var dataDirectory = folder.NewSubfolder();
        var store = Track(StoreFactory.Open("sqlite", dataDirectory));
        await store.MigrateAsync(None);
        var payload = new byte[SessionBytes / Sessions];
        Random.Shared.NextBytes(payload);
        var written = 0;
        var reads = 0;
        using var done = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!done.IsCancellationRequested)
            {
                var last = Volatile.Read(ref written);
                if (last > 0)
                {
                    Assert.NotNull(await store.GetSessionAsync($"s{last - 1}", T0, None));
                    Interlocked.Increment(ref reads);
                }
            }
        })).ToArray();

        for (var i = 0; i < Sessions; i++)
        {
            await store.CreateSessionsAsync([new OpenSession($"s{i}", "owner", 1, payload, T0, T0.AddHours(1))], None);
            Volatile.Write(ref written, i + 1);
            if (i % 100 == 99)
            {
                await Task.Delay(50);
            }
        }
        await done.CancelAsync();
        await Task.WhenAll(readers);

        var log = new FileInfo(Path.Combine(dataDirectory, StoreFactory.SqliteFileName + "-wal")).Length;
        var database = new FileInfo(Path.Combine(dataDirectory, StoreFactory.SqliteFileName)).Length;
        Assert.True(reads > 0);
        Assert.True(log < SessionBytes, $"the log grew to {log / 1024 / 1024} MB for {SessionBytes / 1024 / 1024} MB of sessions");
        // The last few hundred milliseconds of writes may still be only in the log.
        Assert.True(database > SessionBytes / 2, $"the database file has {database / 1024 / 1024} MB");
        Assert.Equal(payload, (await store.GetSessionAsync("s0", T0, None))!.Payload);
    }
}
