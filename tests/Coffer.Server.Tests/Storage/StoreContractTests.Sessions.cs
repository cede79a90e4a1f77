using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Storage;

public abstract partial class StoreContractTests
{
    [DatabaseFact]
    public async Task A_session_is_readable_until_it_expires()
    {
        var environment = await NewEnvironmentAsync();
        var session = new OpenSession(NewId(), environment.Id, 1, [0, 1, 2, 255], T0, T0.AddHours(2));
        await Store.CreateSessionsAsync([session], None);

        AssertSameSession(session, await Store.GetSessionAsync(session.Id, T0, None));
        AssertSameSession(session, await Store.GetSessionAsync(session.Id, session.Expires, None));
        Assert.Null(await Store.GetSessionAsync(session.Id, session.Expires.AddMilliseconds(1), None));
        Assert.Null(await Store.GetSessionAsync(NewId(), T0, None));
    }

    [DatabaseFact]
    public async Task A_session_can_belong_to_an_owner_that_is_not_a_stored_environment()
    {
        var session = new OpenSession(NewId(), "yaml:" + NewId(), 0, [42], T0, T0.AddMinutes(5));

        await Store.CreateSessionsAsync([session], None);

        AssertSameSession(session, await Store.GetSessionAsync(session.Id, T0, None));
    }

    [DatabaseFact]
    public async Task Creating_a_session_with_an_id_in_use_is_a_conflict()
    {
        var session = new OpenSession(NewId(), "owner", 0, [1], T0, T0.AddMinutes(5));
        await Store.CreateSessionsAsync([session], None);

        await Assert.ThrowsAsync<ConflictException>(() => Store.CreateSessionsAsync([session with { Payload = [2] }], None));
        Assert.Equal([1], (await Store.GetSessionAsync(session.Id, T0, None))!.Payload);
    }

    [DatabaseFact]
    public async Task Sessions_created_together_are_stored_all_or_none()
    {
        var stored = new OpenSession(NewId(), "owner", 0, [1], T0, T0.AddMinutes(5));
        await Store.CreateSessionsAsync([stored], None);
        var batch = Enumerable.Range(0, 50).Select(i => new OpenSession(NewId(), "owner", 0, [(byte)i], T0, T0.AddMinutes(5))).ToList();

        await Assert.ThrowsAsync<ConflictException>(() => Store.CreateSessionsAsync([.. batch, stored with { Payload = [2] }], None));
        foreach (var session in batch)
        {
            Assert.Null(await Store.GetSessionAsync(session.Id, T0, None));
        }

        await Store.CreateSessionsAsync(batch, None);
        foreach (var session in batch)
        {
            AssertSameSession(session, await Store.GetSessionAsync(session.Id, T0, None));
        }
        Assert.Equal([1], (await Store.GetSessionAsync(stored.Id, T0, None))!.Payload);
    }

    [DatabaseFact]
    public async Task Purging_deletes_only_the_sessions_that_expired()
    {
        var store = await MigratedEmptyStoreAsync();
        var expired = new[] { T0.AddMinutes(-10), T0.AddMilliseconds(-1) }.Select(e => new OpenSession(NewId(), "owner", 0, [1], T0.AddHours(-1), e)).ToList();
        var alive = new[] { T0, T0.AddHours(1) }.Select(e => new OpenSession(NewId(), "owner", 0, [1], T0.AddHours(-1), e)).ToList();
        await store.CreateSessionsAsync([.. expired.Concat(alive)], None);

        Assert.Equal(2, await store.PurgeExpiredSessionsAsync(T0, None));
        Assert.Equal(0, await store.PurgeExpiredSessionsAsync(T0, None));

        foreach (var session in alive)
        {
            Assert.NotNull(await store.GetSessionAsync(session.Id, T0, None));
        }
        foreach (var session in expired)
        {
            Assert.Null(await store.GetSessionAsync(session.Id, session.Expires.AddHours(-2), None));
        }
    }

    private static void AssertSameSession(OpenSession expected, OpenSession? actual)
    {
        Assert.NotNull(actual);
        var noPayload = Array.Empty<byte>();
        Assert.Equal(expected with { Payload = noPayload }, actual with { Payload = noPayload });
        Assert.Equal(expected.Payload, actual.Payload);
    }
}
