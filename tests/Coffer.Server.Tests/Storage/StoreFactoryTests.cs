using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Storage;

public sealed class StoreFactoryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sqlite")]
    [InlineData(" SQLite ")]
    public async Task Sqlite_is_the_default_and_keeps_coffer_db_in_a_data_directory_it_creates(string? setting)
    {
        var dataDirectory = Path.Combine(_folder.NewSubfolder(), "nested", "data");

        await using (var store = StoreFactory.Open(setting, dataDirectory))
        {
            await store.MigrateAsync(CancellationToken.None);
            Assert.True(await store.PingAsync(CancellationToken.None));
        }

        Assert.True(File.Exists(Path.Combine(dataDirectory, "coffer.db")));
    }

    [Theory]
    [InlineData("mysql://root:hunter2@db/coffer")]
    [InlineData("hunter2")]
    [InlineData("postgres://user:hunter2@db:notaport/coffer")]
    [InlineData("postgres://user:hunter2@db:99999/coffer")]
    [InlineData("postgres://user:hunter2@db/coffer?sslmode=sometimes")]
    [InlineData("postgres://user:hunter2@db/coffer?no_such_parameter=1")]
    [InlineData("postgres://user:hunter2@/coffer")]
    [InlineData("postgresql://user:hunter2@db/coffer?sslmode")]
    [InlineData("Host=db;Password=hunter2;NoSuchKeyword=1")]
    [InlineData("Host=db;Password=hunter2;Port=notaport")]
    [InlineData("Username=user;Password=hunter2;Database=coffer")]
    public void A_setting_that_is_not_usable_is_rejected_without_repeating_the_password(string setting)
    {
        var error = Assert.Throws<ArgumentException>(() => StoreFactory.Open(setting, _folder.NewSubfolder()));

        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_postgres_server_does_not_answer_a_ping()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        await using var store = StoreFactory.Open($"postgres://coffer@127.0.0.1:{port}/coffer?connect_timeout=5", _folder.NewSubfolder());

        Assert.False(await store.PingAsync(CancellationToken.None));
    }
}
