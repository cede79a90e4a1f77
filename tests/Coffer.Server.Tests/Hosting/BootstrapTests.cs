using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Hosting;

/// <summary>What the first start of a real server process creates, and that it happens once only.</summary>
public sealed class BootstrapTests : IDisposable
{
    private const string Bootstrapped = "Created organization";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task First_start_creates_an_owner_only_data_directory_root_key_and_admin_token()
    {
        var dataDirectory = Path.Combine(_folder.NewSubfolder(), "data");

        await using var server = await ServerProcess.StartAsync(_folder.Path, ["--data-dir", dataDirectory]);

        Assert.Equal(DataFiles.OwnerOnlyDirectory, DataFiles.ModeOf(dataDirectory));
        Assert.Equal(DataFiles.OwnerOnlyFile, DataFiles.ModeOf(Path.Combine(dataDirectory, DataFiles.AdminToken)));
        Assert.Equal(DataFiles.OwnerOnlyFile, DataFiles.ModeOf(Path.Combine(dataDirectory, DataFiles.RootKey)));
        var token = DataFiles.ReadAdminToken(dataDirectory);
        Assert.True(token.Length >= 32, "the token should be long and random");
        using var client = server.CreateClient(token);
        Assert.Equal(["default"], await client.OrganizationsAsync());
    }

    [Fact]
    public async Task The_log_names_the_token_file_but_never_the_token_or_the_root_key()
    {
        var dataDirectory = _folder.NewSubfolder();

        await using var server = await ServerProcess.StartAsync(_folder.Path, ["--data-dir", dataDirectory]);
        await server.StopAsync();

        var log = server.Log;
        Assert.Contains(Bootstrapped, log, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(dataDirectory, DataFiles.AdminToken), log, StringComparison.Ordinal);
        Assert.Empty(SecretScan.Find(log, [DataFiles.ReadAdminToken(dataDirectory)]));
        var rootKey = File.ReadAllText(Path.Combine(dataDirectory, DataFiles.RootKey)).Trim();
        Assert.DoesNotContain(rootKey, log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_server_on_the_same_data_and_a_restart_bootstrap_nothing_and_keep_the_token()
    {
        var dataDirectory = _folder.NewSubfolder();
        var tokenFile = Path.Combine(dataDirectory, DataFiles.AdminToken);
        string token;
        DateTime written;
        await using (var first = await ServerProcess.StartAsync(_folder.Path, ["--data-dir", dataDirectory]))
        {
            token = DataFiles.ReadAdminToken(dataDirectory);
            written = File.GetLastWriteTimeUtc(tokenFile);

            await using var second = await ServerProcess.StartAsync(_folder.Path, ["--data-dir", dataDirectory]);
            using var client = second.CreateClient(token);
            Assert.Equal(["default"], await client.OrganizationsAsync());
            await second.StopAsync();
            Assert.DoesNotContain(Bootstrapped, second.Log, StringComparison.Ordinal);
            await first.StopAsync();
        }

        await using var restarted = await ServerProcess.StartAsync(_folder.Path, ["--data-dir", dataDirectory]);

        using (var client = restarted.CreateClient(token))
        {
            Assert.Equal(["default"], await client.OrganizationsAsync());
        }
        Assert.Equal(token, DataFiles.ReadAdminToken(dataDirectory));
        Assert.Equal(written, File.GetLastWriteTimeUtc(tokenFile));
        Assert.Equal(1L, await DataFiles.SqliteScalarAsync<long>(dataDirectory, "SELECT count(*) FROM organizations"));
        Assert.Equal(1L, await DataFiles.SqliteScalarAsync<long>(dataDirectory, "SELECT count(*) FROM users"));
        Assert.Equal(1L, await DataFiles.SqliteScalarAsync<long>(dataDirectory, "SELECT count(*) FROM access_tokens"));
        await restarted.StopAsync();
        Assert.DoesNotContain(Bootstrapped, restarted.Log, StringComparison.Ordinal);
    }
}
