using System.Security.Cryptography;
using Coffer.Server.Tests.Support;
using Npgsql;

namespace Coffer.Server.Tests.Replicas;

/// <summary>
/// Two server processes sharing one PostgreSQL database and one root key, each with a data
/// directory of its own, started at the same moment on the empty database — as two replicas behind
/// a load balancer are. One is given the database on the command line (URI form), the other in
/// <c>COFFER_DATABASE</c> (keyword form).
/// </summary>
public sealed class ReplicaPair : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private readonly PostgresCluster _postgres = new();
    private readonly List<ServerProcess> _replicas = [];

    public ServerProcess First => _replicas[0];

    public ServerProcess Second => _replicas[1];

    public IReadOnlyList<ServerProcess> Replicas => _replicas;

    public IReadOnlyList<string> DataDirectories { get; private set; } = [];

    public string ConnectionString => _postgres.ConnectionString;

    /// <summary>The root key both replicas run with (base64).</summary>
    public string RootKey { get; private set; } = "";

    /// <summary>A folder for the test's own files, deleted with the pair.</summary>
    public TempFolder Folder => _folder;

    /// <summary>The bootstrap token, from whichever replica bootstrapped.</summary>
    public string Token => DataDirectories.Select(d => Path.Combine(d, DataFiles.AdminToken)).Where(File.Exists).Select(File.ReadAllText).Single().Trim();

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        if (PostgresBinaries.SkipReason is not null)
        {
            return;
        }
        RootKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var rootKey = new Dictionary<string, string?> { ["COFFER_ROOT_KEY"] = RootKey };
        var builder = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString);
        var uri = $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}";
        DataDirectories = [_folder.NewSubfolder("first"), _folder.NewSubfolder("second")];
        var starting = new[]
        {
            ServerProcess.StartAsync(_folder.Path, ["--data-dir", DataDirectories[0], "--database", uri], rootKey),
            ServerProcess.StartAsync(_folder.Path, ["--data-dir", DataDirectories[1]], new Dictionary<string, string?>(rootKey) { ["COFFER_DATABASE"] = _postgres.ConnectionString }),
        };
        try
        {
            await Task.WhenAll(starting);
        }
        finally
        {
            _replicas.AddRange(starting.Where(s => s.IsCompletedSuccessfully).Select(s => s.Result));
        }
    }

    /// <summary>A client of each replica, with the bootstrap token.</summary>
    public ReplicaClients Clients() => new(First.CreateClient(Token), Second.CreateClient(Token));

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }
        await _postgres.DisposeAsync();
        _folder.Dispose();
    }
}

/// <summary>One client per replica, disposed together.</summary>
public sealed record ReplicaClients(HttpClient First, HttpClient Second) : IDisposable
{
    public void Dispose()
    {
        First.Dispose();
        Second.Dispose();
    }
}
