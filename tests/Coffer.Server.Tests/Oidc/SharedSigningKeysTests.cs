using Coffer.Server.Crypto;
using Coffer.Server.Hosting;
using Coffer.Server.Oidc;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Server.Tests.Oidc;

/// <summary>
/// Replicas on one database behind one issuer URL: they publish the same keys, a token from either
/// verifies against the other's JWKS, and a rotation on one reaches the other before it signs.
/// </summary>
public abstract class SharedSigningKeysTests : IAsyncLifetime
{
    protected const string IssuerUrl = "https://coffer.example.com";
    private readonly ManualClock _clockA = new(DateTimeOffset.UtcNow);
    private readonly ManualClock _clockB = new(DateTimeOffset.UtcNow);

    protected TempFolder Folder { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Folder.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Starts two servers on one database with the same root key, one after the other.</summary>
    protected abstract Task<(LoopbackCofferServer A, LoopbackCofferServer B)> StartReplicasAsync(Action<IServiceCollection> configureA, Action<IServiceCollection> configureB);

    /// <summary>A new store on the database of <see cref="StartReplicasAsync"/>'s servers, as another replica opens it.</summary>
    protected abstract ICofferStore OpenStore();

    [DatabaseFact]
    public async Task Both_replicas_publish_the_same_keys_and_verify_each_others_tokens()
    {
        var (a, b) = await StartReplicasAsync(_ => { }, _ => { });
        await using (a)
        await using (b)
        {
            var keysOfA = await IssuerKeys.KeyIdsAsync(a);

            Assert.Single(keysOfA);
            Assert.Equal(keysOfA, await IssuerKeys.KeyIdsAsync(b));
            Assert.Equal(
                (await IssuerKeys.DiscoveryAsync(a)).GetRawText(),
                (await IssuerKeys.DiscoveryAsync(b)).GetRawText());
            await IssuerKeys.VerifyAsync(a, await Mint.TokenAsync(b), "aws:acme");
            await IssuerKeys.VerifyAsync(b, await Mint.TokenAsync(a), "aws:acme");
        }
    }

    [DatabaseFact]
    public async Task A_rotation_on_one_replica_is_published_by_the_other_before_either_signs_with_it()
    {
        var (a, b) = await StartReplicasAsync(s => s.AddSingleton<TimeProvider>(_clockA), s => s.AddSingleton<TimeProvider>(_clockB));
        await using (a)
        await using (b)
        {
            var first = Assert.Single(await IssuerKeys.KeyIdsAsync(a));
            Assert.Equal([first], await IssuerKeys.KeyIdsAsync(b));

            var rotated = await a.Services.GetRequiredService<SigningKeys>().RotateAsync(CancellationToken.None);
            Advance(SigningKeyPolicy.CacheLifetime);

            Assert.Equal([first, rotated.Id], await IssuerKeys.KeyIdsAsync(b));
            Assert.Equal(first, IssuerKeys.KeyIdOf(await Mint.TokenAsync(b)));
            Advance(SigningKeyPolicy.ActivationDelay - SigningKeyPolicy.CacheLifetime);
            var token = await Mint.TokenAsync(b);
            Assert.Equal(rotated.Id, IssuerKeys.KeyIdOf(token));
            await IssuerKeys.VerifyAsync(a, token, "aws:acme", checkLifetime: false);
        }
    }

    [DatabaseFact]
    public async Task Replicas_racing_to_create_the_first_key_create_only_one()
    {
        var (a, b) = await StartReplicasAsync(_ => { }, _ => { });
        var rootKey = a.Services.GetRequiredService<RootKey>();
        await b.DisposeAsync();
        await a.DisposeAsync();
        await using var cleanup = OpenStore();
        await cleanup.DeleteSigningKeysAsync([.. (await cleanup.ListSigningKeysAsync(CancellationToken.None)).Select(k => k.Id)], CancellationToken.None);
        var stores = Enumerable.Range(0, 4).Select(_ => OpenStore()).ToList();
        try
        {
            var replicas = stores.Select(store => new SigningKeys(store, rootKey, TimeProvider.System, new SigningKeyPolicy(), NullLogger<SigningKeys>.Instance)).ToList();

            var published = await Task.WhenAll(replicas.Select(replica => Task.Run(() => replica.PublishedAsync(CancellationToken.None))));

            var key = Assert.Single(published.SelectMany(p => p).Select(k => k.Id).Distinct());
            Assert.Equal([key], (await stores[0].ListSigningKeysAsync(CancellationToken.None)).Select(k => k.Id));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    private void Advance(TimeSpan by)
    {
        _clockA.Advance(by);
        _clockB.Advance(by);
    }
}

/// <summary>Two servers sharing one data directory, and so one SQLite file and one root key file.</summary>
public sealed class SqliteSharedSigningKeysTests : SharedSigningKeysTests
{
    private string? _dataDirectory;

    protected override async Task<(LoopbackCofferServer A, LoopbackCofferServer B)> StartReplicasAsync(Action<IServiceCollection> configureA, Action<IServiceCollection> configureB)
    {
        _dataDirectory = Folder.NewSubfolder();
        var a = await LoopbackCofferServer.StartAsync(_dataDirectory, issuerUrl: IssuerUrl, configure: configureA);
        var b = await LoopbackCofferServer.StartAsync(_dataDirectory, issuerUrl: IssuerUrl, configure: configureB);
        return (a, b);
    }

    protected override ICofferStore OpenStore() => StoreFactory.Open("sqlite", _dataDirectory!);
}

/// <summary>Two servers with their own data directories on one PostgreSQL database, given the same root key.</summary>
[RequiresPostgres]
public sealed class PostgresSharedSigningKeysTests(PostgresCluster postgres) : SharedSigningKeysTests, IClassFixture<PostgresCluster>
{
    private string? _database;

    protected override async Task<(LoopbackCofferServer A, LoopbackCofferServer B)> StartReplicasAsync(Action<IServiceCollection> configureA, Action<IServiceCollection> configureB)
    {
        _database = await postgres.CreateDatabaseAsync();
        var first = Folder.NewSubfolder();
        var second = Folder.NewSubfolder();
        var a = await LoopbackCofferServer.StartAsync(first, _database, IssuerUrl, configureA);
        Directory.CreateDirectory(second);
        File.Copy(Path.Combine(first, RootKey.FileName), Path.Combine(second, RootKey.FileName));
        File.Copy(Path.Combine(first, Bootstrap.TokenFileName), Path.Combine(second, Bootstrap.TokenFileName));
        var b = await LoopbackCofferServer.StartAsync(second, _database, IssuerUrl, configureB);
        return (a, b);
    }

    protected override ICofferStore OpenStore() => StoreFactory.Open(_database!, "unused-data-directory");
}
