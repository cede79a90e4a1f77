using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Storage;

public abstract partial class StoreContractTests
{
    [DatabaseFact]
    public async Task Data_keys_are_listed_and_replaced_together()
    {
        var store = await MigratedEmptyStoreAsync();
        var one = await NewEnvironmentAsync(store: store);
        var two = await NewEnvironmentAsync(store: store);

        var listed = await store.ListDataKeysAsync(None);
        Assert.Equal(
            new[] { one, two }.OrderBy(e => e.Id, StringComparer.Ordinal).Select(e => (e.Id, Convert.ToHexString(e.WrappedDataKey), e.KeyVersion)),
            listed.OrderBy(k => k.EnvironmentId, StringComparer.Ordinal).Select(k => (k.EnvironmentId, Convert.ToHexString(k.WrappedDataKey), k.KeyVersion)));

        await store.ReplaceDataKeysAsync([(one.Id, [10, 11], 8), (two.Id, [20, 21], 8)], None);

        var first = await store.GetEnvironmentAsync(one.Id, None);
        var second = await store.GetEnvironmentAsync(two.Id, None);
        // Nothing else about the environments changed.
        AssertSameEnvironment(one with { WrappedDataKey = [10, 11], KeyVersion = 8 }, first);
        AssertSameEnvironment(two with { WrappedDataKey = [20, 21], KeyVersion = 8 }, second);
    }

    [DatabaseFact]
    public async Task Replacing_data_keys_is_all_or_nothing()
    {
        var store = await MigratedEmptyStoreAsync();
        var one = await NewEnvironmentAsync(store: store);
        var two = await NewEnvironmentAsync(store: store);

        // The second key breaks a NOT NULL rule after the first was written.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => store.ReplaceDataKeysAsync([(one.Id, [10], 8), (two.Id, null!, 8)], None));

        AssertSameEnvironment(one, await store.GetEnvironmentAsync(one.Id, None));
        AssertSameEnvironment(two, await store.GetEnvironmentAsync(two.Id, None));
    }

    [DatabaseFact]
    public async Task Replacing_the_key_of_a_deleted_environment_changes_nothing_else()
    {
        var store = await MigratedEmptyStoreAsync();
        var kept = await NewEnvironmentAsync(store: store);
        var deleted = await NewEnvironmentAsync(store: store);
        await store.DeleteEnvironmentAsync(deleted.Id, None);

        await store.ReplaceDataKeysAsync([(kept.Id, [1], 2), (deleted.Id, [3], 4)], None);

        Assert.Equal([(kept.Id, 2)], (await store.ListDataKeysAsync(None)).Select(k => (k.EnvironmentId, k.KeyVersion)));
    }
}
