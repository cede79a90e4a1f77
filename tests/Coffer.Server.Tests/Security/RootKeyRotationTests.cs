using System.Net;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Security;

/// <summary>
/// <c>coffer-server rotate-root-key</c> on a stopped server's data, as docs/operations.md describes it:
/// every data key is re-wrapped with a new root key (no secret is re-encrypted), the old key no
/// longer opens anything, open sessions made before end, and with <c>COFFER_ROOT_KEY</c> the new
/// key goes to <c>--new-key-file</c>.
/// </summary>
public sealed class RootKeyRotationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Rotating_the_key_file_keeps_every_secret_and_retires_the_old_key()
    {
        var data = await StoppedServerData.CreateAsync(_folder);
        var oldKey = File.ReadAllText(data.RootKeyFile).Trim();
        var definitionsBefore = await DefinitionsAsync(data);

        var rotation = await ServerProcess.RunAsync(data.WorkingDirectory, ["rotate-root-key", "--data-dir", data.DataDirectory]);

        Assert.True(rotation.ExitCode == 0, rotation.Output);
        var newKey = File.ReadAllText(data.RootKeyFile).Trim();
        Assert.NotEqual(oldKey, newKey);
        Assert.Equal(DataFiles.OwnerOnlyFile, DataFiles.ModeOf(data.RootKeyFile));
        Assert.False(File.Exists(data.RootKeyFile + ".new"));
        Assert.Contains($"Re-wrapped 2 data keys with the new root key {Crypto.RootKey.FromBase64(newKey).Id:x8}", rotation.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(newKey, rotation.Output, StringComparison.Ordinal);
        Assert.Equal(0, await data.DataKeysUnwrappedByAsync(oldKey));
        Assert.Equal(2, await data.DataKeysUnwrappedByAsync(newKey));
        Assert.All(await data.DataKeysAsync(), k => Assert.Equal(Crypto.RootKey.FromBase64(newKey).Id, k.KeyVersion));
        // Re-wrapping data keys leaves the stored ciphertexts as they were.
        Assert.Equal(definitionsBefore, await DefinitionsAsync(data));

        await using var server = await ServerProcess.StartAsync(data.WorkingDirectory, ["--data-dir", data.DataDirectory]);
        await data.AssertEverySecretDecryptsAsync(server);
        using var client = server.CreateClient(data.Token);
        using var oldSession = await client.GetAsync($"/api/esc/environments/{StoppedServerData.EnvironmentPath}/open/{data.SessionId}");
        Assert.Equal(HttpStatusCode.NotFound, oldSession.StatusCode);
    }

    [Fact]
    public async Task With_the_key_in_COFFER_ROOT_KEY_the_new_key_goes_to_new_key_file()
    {
        var oldKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var data = await StoppedServerData.CreateAsync(_folder, new Dictionary<string, string?> { ["COFFER_ROOT_KEY"] = oldKey });
        Assert.False(File.Exists(data.RootKeyFile), "a key given in COFFER_ROOT_KEY is not written to the data directory");
        var keyed = new Dictionary<string, string?> { ["COFFER_ROOT_KEY"] = oldKey };
        var newKeyFile = Path.Combine(_folder.NewSubfolder("keys"), "next.key");
        Directory.CreateDirectory(Path.GetDirectoryName(newKeyFile)!);

        var refused = await ServerProcess.RunAsync(data.WorkingDirectory, ["rotate-root-key", "--data-dir", data.DataDirectory], keyed);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("--new-key-file", refused.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Output, StringComparison.Ordinal);
        // A refused rotation changes nothing.
        Assert.Equal(2, await data.DataKeysUnwrappedByAsync(oldKey));

        var rotation = await ServerProcess.RunAsync(data.WorkingDirectory, ["rotate-root-key", "--data-dir", data.DataDirectory, "--new-key-file", newKeyFile], keyed);

        Assert.True(rotation.ExitCode == 0, rotation.Output);
        Assert.False(File.Exists(data.RootKeyFile));
        Assert.Equal(DataFiles.OwnerOnlyFile, DataFiles.ModeOf(newKeyFile));
        var newKey = File.ReadAllText(newKeyFile).Trim();
        Assert.Equal(0, await data.DataKeysUnwrappedByAsync(oldKey));
        Assert.Equal(2, await data.DataKeysUnwrappedByAsync(newKey));

        await using var server = await ServerProcess.StartAsync(data.WorkingDirectory, ["--data-dir", data.DataDirectory], new Dictionary<string, string?> { ["COFFER_ROOT_KEY"] = newKey });
        await data.AssertEverySecretDecryptsAsync(server);
    }

    // A server left running would wrap new environments' data keys with the replaced key, which
    // then exists nowhere but in its memory: after a restart they could never be decrypted.
    [Fact]
    public async Task Rotating_refuses_while_a_server_runs_on_the_data_directory()
    {
        var dataDirectory = _folder.NewSubfolder();
        await using var server = await ServerProcess.StartAsync(_folder.Path, ["--data-dir", dataDirectory]);
        using (var client = server.CreateClient(DataFiles.ReadAdminToken(dataDirectory)))
        {
            await client.CreateEnvironmentAsync("default", "app", "prod");
        }
        var rootKey = File.ReadAllText(Path.Combine(dataDirectory, DataFiles.RootKey));

        var refused = await ServerProcess.RunAsync(_folder.Path, ["rotate-root-key", "--data-dir", dataDirectory]);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("a server is running", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(rootKey, File.ReadAllText(Path.Combine(dataDirectory, DataFiles.RootKey)));

        await server.StopAsync();
        var rotation = await ServerProcess.RunAsync(_folder.Path, ["rotate-root-key", "--data-dir", dataDirectory]);

        Assert.True(rotation.ExitCode == 0, rotation.Output);
        Assert.NotEqual(rootKey, File.ReadAllText(Path.Combine(dataDirectory, DataFiles.RootKey)));
    }

    [Fact]
    public async Task Rotating_where_there_is_no_root_key_refuses_and_creates_nothing()
    {
        var mistyped = _folder.NewSubfolder("mistyped");

        var rotation = await ServerProcess.RunAsync(_folder.Path, ["rotate-root-key", "--data-dir", mistyped]);

        Assert.Equal(1, rotation.ExitCode);
        Assert.Contains("there is no root key to rotate", rotation.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", rotation.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(mistyped));
    }

    private static async Task<string> DefinitionsAsync(StoppedServerData data) =>
        await DataFiles.SqliteScalarAsync<string>(data.DataDirectory, "SELECT group_concat(definition, '|') FROM (SELECT definition FROM revisions ORDER BY environment_id, number)");
}
