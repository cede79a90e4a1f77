using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace Coffer.Server.Tests.Support;

/// <summary>What a server leaves in its data directory, read the way an operator (or an attacker with the disk) would.</summary>
public static class DataFiles
{
    public const string AdminToken = "admin.token";
    public const string RootKey = "root.key";
    public const string Database = "coffer.db";

    public const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The permission bits of a file or directory (null on Windows, where the server sets none).</summary>
    public static UnixFileMode? ModeOf(string path) => OperatingSystem.IsWindows() ? null : File.GetUnixFileMode(path);

    public static string ReadAdminToken(string dataDirectory) => File.ReadAllText(Path.Combine(dataDirectory, AdminToken)).Trim();

    /// <summary>One value from the SQLite database, read through a connection of its own (the server may be running).</summary>
    public static async Task<T> SqliteScalarAsync<T>(string dataDirectory, string sql)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, Database), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A loopback port nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
