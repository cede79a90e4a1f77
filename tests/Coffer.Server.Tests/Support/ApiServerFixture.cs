using Coffer.Server.Crypto;
using Coffer.Server.Hosting;

namespace Coffer.Server.Tests.Support;

/// <summary>
/// One <see cref="ApiServer"/> shared by the tests of a class (a class fixture): starting a server
/// costs far more than a test, so tests share it and keep apart by using names of their own. A
/// second server on the same database, as another replica behind a load balancer, starts on first
/// use.
/// </summary>
public abstract class ApiServerFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly SemaphoreSlim _replicaStart = new(1, 1);
    private string? _database;
    private string? _dataDirectory;
    private ApiServer? _server;
    private ApiServer? _replica;

    public ApiServer Server => _server ?? throw new InvalidOperationException(PostgresBinaries.MissingMessage);

    /// <summary>A new data directory, deleted with the fixture.</summary>
    public string NewDataDirectory() => _folder.NewSubfolder("own");

    /// <summary>The database to run on (<c>sqlite</c> or a connection string), or null when it is not available and the tests are skipped.</summary>
    protected abstract Task<string?> DatabaseAsync();

    /// <summary>
    /// Whether replicas share the data directory (SQLite keeps its database there) or only what an
    /// operator copies to each replica: the root key and, here, the bootstrap token.
    /// </summary>
    protected abstract bool ReplicasShareTheDataDirectory { get; }

    protected virtual Task DisposeDatabaseAsync() => Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _database = await DatabaseAsync();
        if (_database is not null)
        {
            _dataDirectory = _folder.NewSubfolder();
            _server = await ApiServer.StartAsync(_database, _dataDirectory);
        }
    }

    /// <summary>Another server on the same database.</summary>
    public async Task<ApiServer> ReplicaAsync()
    {
        await _replicaStart.WaitAsync();
        try
        {
            if (_replica is null)
            {
                var dataDirectory = _dataDirectory!;
                if (!ReplicasShareTheDataDirectory)
                {
                    dataDirectory = _folder.NewSubfolder("replica");
                    Directory.CreateDirectory(dataDirectory);
                    foreach (var file in (string[])[RootKey.FileName, Bootstrap.TokenFileName])
                    {
                        File.Copy(Path.Combine(_dataDirectory!, file), Path.Combine(dataDirectory, file));
                    }
                }
                _replica = await ApiServer.StartAsync(_database!, dataDirectory);
            }
            return _replica;
        }
        finally
        {
            _replicaStart.Release();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var server in (ApiServer?[])[_replica, _server])
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
        await DisposeDatabaseAsync();
        _replicaStart.Dispose();
        _folder.Dispose();
    }
}

/// <summary>A server on SQLite in its data directory.</summary>
public sealed class SqliteApiServer : ApiServerFixture
{
    protected override bool ReplicasShareTheDataDirectory => true;

    protected override Task<string?> DatabaseAsync() => Task.FromResult<string?>("sqlite");
}

/// <summary>A server on a fresh database of the private PostgreSQL cluster (see <see cref="PostgresCluster"/>).</summary>
public sealed class PostgresApiServer : ApiServerFixture
{
    private readonly PostgresCluster _cluster = new();

    protected override bool ReplicasShareTheDataDirectory => false;

    protected override async Task<string?> DatabaseAsync()
    {
        await _cluster.InitializeAsync();
        return PostgresBinaries.SkipReason is null ? _cluster.ConnectionString : null;
    }

    protected override Task DisposeDatabaseAsync() => _cluster.DisposeAsync();

    /// <summary>Another empty database on the cluster, for a server of a test's own.</summary>
    public Task<string> CreateDatabaseAsync() => _cluster.CreateDatabaseAsync();
}
