using Coffer.Server.Storage;

namespace Coffer.Server.Tests.Storage;

/// <summary>
/// The behaviour every <see cref="ICofferStore"/> must have, written once and run against each
/// database by a derived class. Tests of a class share one database, so each works on
/// organizations and environments of its own; tests that need an empty database ask for one.
/// </summary>
public abstract partial class StoreContractTests : IAsyncLifetime
{
    /// <summary>A fixed instant with milliseconds, the precision the store keeps.</summary>
    protected static readonly DateTimeOffset T0 = DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_123);

    protected static readonly Actor Alice = new("alice", "Alice Liddell");
    protected static readonly Actor Bob = new("bob", "Bob Builder");
    protected static readonly CancellationToken None = CancellationToken.None;

    private readonly List<ICofferStore> _stores = [];

    protected ICofferStore Store { get; private set; } = null!;

    /// <summary>A new store instance on the class's database, with its own connections (as another replica has).</summary>
    protected abstract ICofferStore OpenStore();

    /// <summary>A new, empty database, not migrated yet.</summary>
    protected abstract Task<EmptyDatabase> CreateEmptyDatabaseAsync();

    public async Task InitializeAsync()
    {
        Store = Track(OpenStore());
        await Store.MigrateAsync(None);
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    /// <summary>Disposes the store with the test.</summary>
    protected ICofferStore Track(ICofferStore store)
    {
        _stores.Add(store);
        return store;
    }

    protected async Task<ICofferStore> MigratedEmptyStoreAsync()
    {
        var store = Track((await CreateEmptyDatabaseAsync()).Open());
        await store.MigrateAsync(None);
        return store;
    }

    protected static string NewId() => Guid.NewGuid().ToString("N");

    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    protected async Task<Organization> NewOrganizationAsync(string? name = null, ICofferStore? store = null)
    {
        var organization = new Organization(NewId(), name ?? Unique("org"), T0);
        await (store ?? Store).CreateOrganizationAsync(organization, None);
        return organization;
    }

    protected async Task<EnvironmentRecord> NewEnvironmentAsync(
        Organization? organization = null, string project = "app", string? name = null, IReadOnlyList<string>? references = null, ICofferStore? store = null)
    {
        organization ??= await NewOrganizationAsync(store: store);
        var id = NewId();
        var environment = new EnvironmentRecord(id, organization.Id, project, name ?? Unique("env"), T0, T0, 1, false, [1, 2, 3, (byte)id[0]], 7);
        await (store ?? Store).CreateEnvironmentAsync(environment, FirstRevision(environment), references ?? [], None);
        return environment;
    }

    protected static RevisionRecord FirstRevision(EnvironmentRecord environment) =>
        new(environment.Id, 1, "values:\n  greeting: hello\n", environment.Created, Alice.Login, Alice.Name, null);

    /// <summary>Adds revisions 2..<paramref name="latest"/>, each with its number in the definition.</summary>
    protected async Task AddRevisionsAsync(EnvironmentRecord environment, int latest)
    {
        for (var number = 2; number <= latest; number++)
        {
            Assert.Equal(number, await Store.AddRevisionAsync(environment.Id, number - 1, Definition(number), Bob, T0.AddMinutes(number), [], None));
        }
    }

    protected static string Definition(int number) => $"values:\n  revision: {number}\n";

    /// <summary>Records compare arrays by reference; this compares environments field by field.</summary>
    protected static void AssertSameEnvironment(EnvironmentRecord expected, EnvironmentRecord? actual)
    {
        Assert.NotNull(actual);
        var noKey = Array.Empty<byte>();
        Assert.Equal(expected with { WrappedDataKey = noKey }, actual with { WrappedDataKey = noKey });
        Assert.Equal(expected.WrappedDataKey, actual.WrappedDataKey);
    }

    /// <summary>
    /// A database of its own, for tests that need one empty or that count everything in it:
    /// <paramref name="Open"/> opens a store on it, <paramref name="ScalarAsync"/> runs raw SQL.
    /// </summary>
    protected sealed record EmptyDatabase(Func<ICofferStore> Open, Func<string, Task<object?>> ScalarAsync);
}
