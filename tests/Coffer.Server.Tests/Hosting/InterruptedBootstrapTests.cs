using Coffer.Server.Hosting;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Coffer.Server.Tests.Hosting;

/// <summary>
/// A first start that fails half-way must not leave a bootstrapped-looking database behind: the
/// next start only bootstraps an empty one, and an organization without its administrator and
/// token would lock the operator out for good. The failure is provoked by a user <c>admin</c>
/// that exists before the first start.
/// </summary>
public sealed class InterruptedBootstrapTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_failed_first_start_writes_nothing_so_the_next_start_bootstraps()
    {
        var dataDirectory = _folder.NewSubfolder();
        var options = new ServerOptions { DataDirectory = dataDirectory, Urls = "http://127.0.0.1:0" };
        await using (var store = StoreFactory.Open(StoreFactory.Sqlite, dataDirectory))
        {
            await store.MigrateAsync(None);
            await store.CreateUserAsync(new User("in-the-way", "admin", "Someone", null, DateTimeOffset.UtcNow), None);
        }

        await Assert.ThrowsAsync<ConflictException>(async () => await (await ServerApplication.CreateAsync(options)).DisposeAsync());

        Assert.Equal(0L, await DataFiles.SqliteScalarAsync<long>(dataDirectory, "SELECT count(*) FROM organizations"));
        Assert.Equal(0L, await DataFiles.SqliteScalarAsync<long>(dataDirectory, "SELECT count(*) FROM access_tokens"));
        Assert.False(File.Exists(Path.Combine(dataDirectory, DataFiles.AdminToken)));

        // The operator removes what was in the way and starts again.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(dataDirectory, DataFiles.Database)};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM users WHERE id = 'in-the-way'";
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }
        await (await ServerApplication.CreateAsync(options)).DisposeAsync();

        Assert.Equal(1L, await DataFiles.SqliteScalarAsync<long>(dataDirectory, "SELECT count(*) FROM organizations"));
        Assert.True(File.Exists(Path.Combine(dataDirectory, DataFiles.AdminToken)));
    }
}
