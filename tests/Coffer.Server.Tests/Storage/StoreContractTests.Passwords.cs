using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Storage;

public abstract partial class StoreContractTests
{
    private async Task<User> NewUserAsync()
    {
        var user = new User(NewId(), Unique("pat"), "Pat", null, T0);
        await Store.CreateUserAsync(user, None);
        return user;
    }

    [DatabaseFact]
    public async Task A_password_hash_is_stored_replaced_and_read_back()
    {
        var user = await NewUserAsync();
        Assert.Null(await Store.GetPasswordHashAsync(user.Id, None));

        await Store.SetPasswordHashAsync(user.Id, "pbkdf2-sha256$600000$first$hash", T0, None);
        await Store.SetPasswordHashAsync(user.Id, "pbkdf2-sha256$600000$second$hash", T0.AddMinutes(1), None);

        Assert.Equal("pbkdf2-sha256$600000$second$hash", await Store.GetPasswordHashAsync(user.Id, None));
    }

    [DatabaseFact]
    public async Task A_password_for_a_user_who_does_not_exist_is_a_conflict()
    {
        await Assert.ThrowsAsync<ConflictException>(() => Store.SetPasswordHashAsync(NewId(), "pbkdf2-sha256$1$a$b", T0, None));
    }

    [DatabaseFact]
    public async Task An_upgrade_replaces_only_the_hash_it_was_computed_from()
    {
        var user = await NewUserAsync();
        await Store.SetPasswordHashAsync(user.Id, "old", T0, None);

        Assert.False(await Store.UpgradePasswordHashAsync(user.Id, "something else", "upgraded", None));
        Assert.True(await Store.UpgradePasswordHashAsync(user.Id, "old", "upgraded", None));
        Assert.Equal("upgraded", await Store.GetPasswordHashAsync(user.Id, None));
    }

    [DatabaseFact]
    public async Task Revoking_sessions_revokes_live_sign_in_tokens_only_and_spares_the_one_kept()
    {
        var user = await NewUserAsync();
        var organization = await NewOrganizationAsync();
        AccessToken Token(string name, bool session) =>
            new(NewId(), RandomHash(), TokenKind.Personal, user.Id, session ? organization.Id : null, null, name, "", T0, null, T0.AddHours(8), null, user.Login, Session: session);
        var (first, second, kept, created) = (Token("s1", true), Token("s2", true), Token("s3", true), Token("laptop", false));
        foreach (var token in (AccessToken[])[first, second, kept, created])
        {
            await Store.CreateTokenAsync(token, None);
        }
        await Store.RevokeTokenAsync(second.Id, T0, None);

        Assert.Equal(1, await Store.RevokeSessionsAsync(user.Id, kept.Id, T0.AddMinutes(1), None));

        Assert.NotNull((await Store.GetTokenAsync(first.Id, None))!.Revoked);
        Assert.Equal(T0, (await Store.GetTokenAsync(second.Id, None))!.Revoked);
        Assert.Null((await Store.GetTokenAsync(kept.Id, None))!.Revoked);
        Assert.Null((await Store.GetTokenAsync(created.Id, None))!.Revoked);
        Assert.True((await Store.GetTokenAsync(kept.Id, None))!.Session);
        Assert.False((await Store.GetTokenAsync(created.Id, None))!.Session);
    }
}
