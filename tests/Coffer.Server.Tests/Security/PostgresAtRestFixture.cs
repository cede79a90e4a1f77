using System.Text;
using Coffer.Server.Tests.Support;
using Npgsql;

namespace Coffer.Server.Tests.Security;

/// <summary>
/// One server process on a PostgreSQL database of its own that went through the
/// <see cref="SecretsScenario"/>: the text of every row of every table, dumped while it ran, and its
/// whole log. The connection string it was given carries a password (the test cluster trusts local
/// connections and ignores it), so the log can be checked for that too.
/// </summary>
public sealed class PostgresAtRestFixture : IAsyncLifetime
{
    public const string DatabasePassword = "pg-password-5e1f9c";

    private readonly TempFolder _folder = new();
    private readonly PostgresCluster _postgres = new();

    public SecretsScenario Scenario { get; } = new();

    public string AdminToken { get; private set; } = "";

    /// <summary>Each table's rows as text (<c>SELECT t::text FROM table t</c>), by table name.</summary>
    public IReadOnlyDictionary<string, string> Tables { get; private set; } = new Dictionary<string, string>();

    public string Log { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await _postgres.InitializeAsync();
        if (PostgresBinaries.SkipReason is not null)
        {
            return;
        }
        var connectionString = new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { Password = DatabasePassword }.ToString();
        var dataDirectory = _folder.NewSubfolder();
        await using var server = await ServerProcess.StartAsync(_folder.Path, ["--data-dir", dataDirectory, "--database", connectionString]);
        AdminToken = DataFiles.ReadAdminToken(dataDirectory);
        using (var client = server.CreateClient(AdminToken))
        {
            await Scenario.RunAsync(client);
        }
        Tables = await DumpAsync(_postgres.ConnectionString);
        await server.StopAsync();
        Log = server.Log;
    }

    public async Task DisposeAsync()
    {
        await _postgres.DisposeAsync();
        _folder.Dispose();
    }

    private static async Task<Dictionary<string, string>> DumpAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var dump = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            var rows = new StringBuilder();
            await using var select = new NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", connection);
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.AppendLine(reader.GetString(0));
            }
            dump[table] = rows.ToString();
        }
        return dump;
    }
}
