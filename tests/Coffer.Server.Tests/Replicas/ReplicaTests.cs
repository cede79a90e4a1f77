using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Replicas;

/// <summary>
/// Several replicas on one PostgreSQL database (docs/operations.md, "Storage and replicas"): they
/// bootstrap once, a change made through one is visible through the other at once, sessions opened
/// on one are readable on the other, and concurrent updates never lose or repeat a revision.
/// </summary>
[RequiresPostgres]
public sealed partial class ReplicaTests(ReplicaPair replicas) : IClassFixture<ReplicaPair>
{
    [DatabaseFact]
    public async Task Two_replicas_starting_together_on_an_empty_database_bootstrap_once()
    {
        Assert.Single(replicas.DataDirectories, d => File.Exists(Path.Combine(d, DataFiles.AdminToken)));
        Assert.Equal(1, await replicas.ScalarAsync("SELECT count(*) FROM organizations"));
        Assert.Equal(1, await replicas.ScalarAsync("SELECT count(*) FROM users"));
        Assert.Equal(1, await replicas.ScalarAsync("SELECT count(*) FROM access_tokens"));
        Assert.Equal(1, await replicas.ScalarAsync("SELECT count(*) FROM memberships"));
        Assert.Equal(1, replicas.Replicas.Count(r => r.Log.Contains("Created organization", StringComparison.Ordinal)));
        foreach (var replica in replicas.Replicas)
        {
            using var client = replica.CreateClient(replicas.Token);
            Assert.Equal(["default"], await client.OrganizationsAsync());
        }
    }

    [DatabaseFact]
    public async Task A_change_through_one_replica_is_visible_through_the_other_at_once()
    {
        using var clients = replicas.Clients();
        var (first, second) = clients;
        var path = await NewEnvironmentAsync(first);
        var secret = SecretScan.NewSecret("shared");

        await first.UpdateAsync(path, $"values:\n  password:\n    fn::secret: {secret}\n");
        var (definition, etag) = await second.ReadDefinitionAsync(path);
        Assert.Equal("\"2\"", etag);
        Assert.Equal(definition, (await first.ReadDefinitionAsync(path)).Yaml);
        Assert.Contains(secret, await second.DecryptAsync(path), StringComparison.Ordinal);

        Assert.Equal(3, await second.UpdateAsync(path, "values:\n  changed: by-second\n"));
        Assert.Equal("\"3\"", (await first.ReadDefinitionAsync(path)).ETag);
        Assert.Contains("by-second", await first.DecryptAsync(path), StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task A_session_opened_on_one_replica_is_readable_on_the_other()
    {
        using var clients = replicas.Clients();
        var (first, second) = clients;
        var path = await NewEnvironmentAsync(first);
        var secret = SecretScan.NewSecret("session");
        await first.UpdateAsync(path, $"values:\n  password:\n    fn::secret: {secret}\n");

        var openedOnFirst = await first.OpenAsync(path);
        var openedOnSecond = await second.OpenAsync(path);

        Assert.Equal(await first.ReadSessionAsync(path, openedOnFirst), await second.ReadSessionAsync(path, openedOnFirst));
        Assert.Contains(secret, await first.ReadSessionAsync(path, openedOnSecond), StringComparison.Ordinal);
    }

    // Replicas on other machines are only seen through the database.
    [DatabaseFact]
    public async Task Rotating_the_root_key_refuses_while_replicas_run()
    {
        var newKeyFile = Path.Combine(replicas.Folder.Path, "next-root.key");

        var rotation = await ServerProcess.RunAsync(replicas.Folder.Path,
            ["rotate-root-key", "--database", replicas.ConnectionString, "--data-dir", replicas.Folder.NewSubfolder("elsewhere"), "--new-key-file", newKeyFile],
            new Dictionary<string, string?> { ["COFFER_ROOT_KEY"] = replicas.RootKey });

        Assert.Equal(1, rotation.ExitCode);
        Assert.Contains("a server is running on this database", rotation.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(newKeyFile));
        var keyId = Crypto.RootKey.FromBase64(replicas.RootKey).Id;
        Assert.Equal(0, await replicas.ScalarAsync($"SELECT count(*) FROM environments WHERE key_version <> {keyId}"));
    }

    private static async Task<string> NewEnvironmentAsync(HttpClient client)
    {
        var name = SecretScan.NewSecret("env");
        await client.CreateEnvironmentAsync("default", "replicas", name);
        return $"default/replicas/{name}";
    }
}
