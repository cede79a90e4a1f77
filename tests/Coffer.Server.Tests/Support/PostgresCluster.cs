using Npgsql;

namespace Coffer.Server.Tests.Support;

/// <summary>
/// A class fixture giving a test class its own fresh database on this process's private PostgreSQL
/// server (see <see cref="PostgresServer"/>; started on first use and shared by every class, so
/// starting it is paid once). Use it with <see cref="RequiresPostgresAttribute"/> on the class and
/// <see cref="DatabaseFactAttribute"/> on the tests: when PostgreSQL is not installed those tests
/// are reported as skipped with a loud reason, or fail when <c>COFFER_REQUIRE_POSTGRES=1</c>.
/// <code>
/// [RequiresPostgres]
/// public sealed class MyTests(PostgresCluster postgres) : IClassFixture&lt;PostgresCluster&gt;
/// {
///     [DatabaseFact]
///     public async Task Something() { var store = StoreFactory.Open(postgres.ConnectionString, dataDir); … }
/// }
/// </code>
/// </summary>
public sealed class PostgresCluster : IAsyncLifetime
{
    private static int _databaseCount;

    private readonly List<string> _databases = [];
    private PostgresServer? _server;
    private string? _connectionString;

    /// <summary>The connection string (keyword form) of this test class's database.</summary>
    public string ConnectionString => _connectionString ?? throw new InvalidOperationException(PostgresBinaries.MissingMessage);

    public async Task InitializeAsync()
    {
        if (PostgresBinaries.SkipReason is not null)
        {
            // The tests of the class are reported skipped; starting nothing is the right thing to do.
            return;
        }
        _server = await PostgresServer.GetAsync();
        _connectionString = await CreateDatabaseAsync();
    }

    /// <summary>Creates another empty database and returns its connection string (keyword form).</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var server = _server ?? throw new InvalidOperationException(PostgresBinaries.MissingMessage);
        var name = $"coffer_test_{Interlocked.Increment(ref _databaseCount)}";
        await using (var connection = new NpgsqlConnection(server.ConnectionString("postgres")))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0", connection);
            await command.ExecuteNonQueryAsync();
        }
        lock (_databases)
        {
            _databases.Add(name);
        }
        return server.ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        if (_server is null)
        {
            return;
        }
        // The whole cluster goes when the process exits; dropping early keeps it small for long runs.
        await using var connection = new NpgsqlConnection(_server.ConnectionString("postgres"));
        await connection.OpenAsync();
        foreach (var name in _databases)
        {
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
