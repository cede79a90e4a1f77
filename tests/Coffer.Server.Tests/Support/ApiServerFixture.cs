namespace Coffer.Server.Tests.Support;

/// <summary>
/// One <see cref="ApiServer"/> shared by the tests of a class (a class fixture): starting a server
/// costs far more than a test, so tests share it and keep apart by using names of their own.
/// </summary>
public abstract class ApiServerFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private ApiServer? _server;

    public ApiServer Server => _server ?? throw new InvalidOperationException(PostgresBinaries.MissingMessage);

    /// <summary>The database to run on (<c>sqlite</c> or a connection string), or null when it is not available and the tests are skipped.</summary>
    protected abstract Task<string?> DatabaseAsync();

    protected virtual Task DisposeDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        if (await DatabaseAsync() is { } database)
        {
            _server = await ApiServer.StartAsync(database, _folder.NewSubfolder());
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
        await DisposeDatabaseAsync();
        _folder.Dispose();
    }
}

/// <summary>A server on SQLite in its data directory.</summary>
public sealed class SqliteApiServer : ApiServerFixture
{
    protected override Task<string?> DatabaseAsync() => Task.FromResult<string?>("sqlite");
}

/// <summary>A server on a fresh database of the private PostgreSQL cluster (see <see cref="PostgresCluster"/>).</summary>
public sealed class PostgresApiServer : ApiServerFixture
{
    private readonly PostgresCluster _cluster = new();

    protected override async Task<string?> DatabaseAsync()
    {
        await _cluster.InitializeAsync();
        return PostgresBinaries.SkipReason is null ? _cluster.ConnectionString : null;
    }

    protected override Task DisposeDatabaseAsync() => _cluster.DisposeAsync();
}
