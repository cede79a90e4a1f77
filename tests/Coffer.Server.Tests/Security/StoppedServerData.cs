using System.Security.Cryptography;
using Coffer.Server.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Coffer.Server.Tests.Security;

/// <summary>
/// A SQLite data directory left by a server that stored secrets in two environments and opened
/// one of them, then stopped: what an operator has in hand before rotating the root key or
/// starting the server with another one.
/// </summary>
public sealed record StoppedServerData(string WorkingDirectory, string DataDirectory, string Token, IReadOnlyList<string> Secrets, string SessionId)
{
    public const string EnvironmentPath = "default/app/prod";
    public const string OtherPath = "default/app/staging";

    /// <summary>Runs a server once (with <paramref name="environment"/>) to write the data, and stops it.</summary>
    public static async Task<StoppedServerData> CreateAsync(TempFolder folder, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var dataDirectory = folder.NewSubfolder();
        string[] secrets = [SecretScan.NewSecret("prod-password"), SecretScan.NewSecret("prod-key"), SecretScan.NewSecret("staging-password")];
        await using var server = await ServerProcess.StartAsync(folder.Path, ["--data-dir", dataDirectory], environment);
        var token = DataFiles.ReadAdminToken(dataDirectory);
        using var client = server.CreateClient(token);
        await client.CreateEnvironmentAsync("default", "app", "prod");
        await client.UpdateAsync(EnvironmentPath, $"values:\n  password:\n    fn::secret: {secrets[0]}\n  key:\n    fn::secret: {secrets[1]}\n");
        await client.CreateEnvironmentAsync("default", "app", "staging");
        await client.UpdateAsync(OtherPath, $"values:\n  password:\n    fn::secret: {secrets[2]}\n");
        var session = await client.OpenAsync(EnvironmentPath);
        await server.StopAsync();
        return new StoppedServerData(folder.Path, dataDirectory, token, secrets, session);
    }

    public string RootKeyFile => Path.Combine(DataDirectory, DataFiles.RootKey);

    /// <summary>Every environment's wrapped data key and the id of the root key said to wrap it, straight from the database.</summary>
    public async Task<IReadOnlyList<(string EnvironmentId, byte[] Wrapped, int KeyVersion)>> DataKeysAsync()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory, DataFiles.Database), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, wrapped_data_key, key_version FROM environments ORDER BY id";
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<(string, byte[], int)>();
        while (await reader.ReadAsync())
        {
            keys.Add((reader.GetString(0), (byte[])reader.GetValue(1), reader.GetInt32(2)));
        }
        return keys;
    }

    /// <summary>How many of the stored data keys (there are two) <paramref name="rootKey"/> (base64) unwraps.</summary>
    public async Task<int> DataKeysUnwrappedByAsync(string rootKey)
    {
        var key = Crypto.RootKey.FromBase64(rootKey);
        var keys = await DataKeysAsync();
        Assert.Equal(2, keys.Count);
        var unwrapped = 0;
        foreach (var (environmentId, wrapped, _) in keys)
        {
            try
            {
                Assert.Equal(32, key.Unwrap(wrapped, environmentId).Length);
                unwrapped++;
            }
            catch (CryptographicException)
            {
            }
        }
        return unwrapped;
    }

    /// <summary>Asserts that a server reveals every secret of this data again, through /decrypt and a new open.</summary>
    public async Task AssertEverySecretDecryptsAsync(ServerProcess server)
    {
        using var client = server.CreateClient(Token);
        var decrypted = await client.DecryptAsync(EnvironmentPath) + await client.DecryptAsync(OtherPath);
        var opened = await client.ReadSessionAsync(EnvironmentPath, await client.OpenAsync(EnvironmentPath));
        foreach (var secret in Secrets)
        {
            Assert.Contains(secret, decrypted, StringComparison.Ordinal);
        }
        Assert.Contains(Secrets[0], opened, StringComparison.Ordinal);
        Assert.Contains(Secrets[1], opened, StringComparison.Ordinal);
    }
}
