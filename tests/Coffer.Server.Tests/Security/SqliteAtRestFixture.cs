using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Security;

/// <summary>
/// One server process on SQLite that went through the <see cref="SecretsScenario"/>: its database
/// files as they were while it ran (<c>coffer.db</c>, <c>-wal</c>, <c>-shm</c>, read without
/// stopping it) and after it stopped, and its whole log. Shared by the test classes of
/// <see cref="SqliteAtRestCollection"/>, so the server runs once for all of them.
/// </summary>
public sealed class SqliteAtRestFixture : IAsyncLifetime
{
    private readonly TempFolder _folder = new();

    public SecretsScenario Scenario { get; } = new();

    public string AdminToken { get; private set; } = "";

    /// <summary>Every database file of the running server, by name.</summary>
    public IReadOnlyDictionary<string, byte[]> FilesWhileRunning { get; private set; } = new Dictionary<string, byte[]>();

    /// <summary>Every database file once the server stopped, by name.</summary>
    public IReadOnlyDictionary<string, byte[]> FilesAfterStop { get; private set; } = new Dictionary<string, byte[]>();

    public long SessionRowsWhileRunning { get; private set; }

    public string Log { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var dataDirectory = _folder.NewSubfolder();
        await using var server = await ServerProcess.StartAsync(_folder.Path, ["--data-dir", dataDirectory]);
        AdminToken = DataFiles.ReadAdminToken(dataDirectory);
        using (var client = server.CreateClient(AdminToken))
        {
            await Scenario.RunAsync(client);
        }
        SessionRowsWhileRunning = await DataFiles.SqliteScalarAsync<long>(dataDirectory, "SELECT count(*) FROM open_sessions");
        FilesWhileRunning = DatabaseFiles(dataDirectory);
        await server.StopAsync();
        FilesAfterStop = DatabaseFiles(dataDirectory);
        Log = server.Log;
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    private static Dictionary<string, byte[]> DatabaseFiles(string dataDirectory) =>
        Directory.GetFiles(dataDirectory, DataFiles.Database + "*").ToDictionary(path => Path.GetFileName(path), SecretScan.ReadShared);
}

[CollectionDefinition(Name)]
public sealed class SqliteAtRestCollection : ICollectionFixture<SqliteAtRestFixture>
{
    public const string Name = "one SQLite server through the secrets scenario";
}
