using Coffer.Server.Crypto;
using Coffer.Server.Hosting;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Coffer.Server.Tests.Security;

/// <summary>
/// "An interrupted rotation is finished or rolled back at the next start" (docs/operations.md): a
/// rotation writes <c>root.key.new</c>, re-wraps the data keys in one transaction, then renames the
/// file. Whichever step it stopped after, building the server next time leaves a root key that
/// opens every data key, and no pending file.
/// </summary>
public sealed class InterruptedRotationTests : IDisposable
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_rotation_stopped_after_the_database_changed_is_finished_at_the_next_start()
    {
        var (dataDirectory, environment, dataKey) = await DataWithOneEnvironmentAsync();
        var next = RootKey.Generate();
        next.WriteTo(PendingFile(dataDirectory));
        await using (var store = StoreFactory.Open(StoreFactory.Sqlite, dataDirectory))
        {
            await store.ReplaceDataKeysAsync([(environment.Id, next.Wrap(dataKey, environment.Id), next.Id)], None);
        }

        await StartAndStopAsync(dataDirectory);

        Assert.False(File.Exists(PendingFile(dataDirectory)));
        Assert.Equal(next.Id, RootKey.Load(dataDirectory, out _).Id);
    }

    [Fact]
    public async Task A_rotation_stopped_before_the_database_changed_is_rolled_back_at_the_next_start()
    {
        var (dataDirectory, _, _) = await DataWithOneEnvironmentAsync();
        var current = RootKey.Load(dataDirectory, out _);
        RootKey.Generate().WriteTo(PendingFile(dataDirectory));

        await StartAndStopAsync(dataDirectory);

        Assert.False(File.Exists(PendingFile(dataDirectory)));
        Assert.Equal(current.Id, RootKey.Load(dataDirectory, out _).Id);
    }

    private static string PendingFile(string dataDirectory) => Path.Combine(dataDirectory, RootKey.FileName + RootKeyFile.PendingSuffix);

    // What the server does at start-up up to listening: migrations, recovery, loading the key, bootstrap.
    private async Task StartAndStopAsync(string dataDirectory)
    {
        var options = new ServerOptions { DataDirectory = dataDirectory, Urls = "http://127.0.0.1:0" };
        await using var app = await ServerApplication.CreateAsync(options);
        _ = app.Services.GetRequiredService<KeyRing>();
    }

    private async Task<(string DataDirectory, EnvironmentRecord Environment, byte[] DataKey)> DataWithOneEnvironmentAsync()
    {
        var dataDirectory = _folder.NewSubfolder();
        Directory.CreateDirectory(dataDirectory);
        var rootKey = RootKey.Load(dataDirectory, out _);
        var dataKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        await using var store = StoreFactory.Open(StoreFactory.Sqlite, dataDirectory);
        await store.MigrateAsync(None);
        var organization = new Organization("org-1", "default", DateTimeOffset.UtcNow);
        await store.CreateOrganizationAsync(organization, None);
        var environment = new EnvironmentRecord("env-1", organization.Id, "app", "prod", organization.Created, organization.Created, 1, false, rootKey.Wrap(dataKey, "env-1"), rootKey.Id);
        await store.CreateEnvironmentAsync(environment, new RevisionRecord(environment.Id, 1, "", organization.Created, "admin", "Administrator", null), [], None);
        return (dataDirectory, environment, dataKey);
    }
}
