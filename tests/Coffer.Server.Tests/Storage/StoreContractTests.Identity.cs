using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Storage;

public abstract partial class StoreContractTests
{
    [DatabaseFact]
    public async Task A_new_database_is_empty_until_an_organization_is_created()
    {
        var store = await MigratedEmptyStoreAsync();
        Assert.True(await store.IsEmptyAsync(None));

        await NewOrganizationAsync("acme", store);

        Assert.False(await store.IsEmptyAsync(None));
    }

    [DatabaseFact]
    public async Task An_organization_is_found_by_id_and_by_its_exact_name()
    {
        var organization = await NewOrganizationAsync(Unique("Acme"));

        Assert.Equal(organization, await Store.GetOrganizationAsync(organization.Id, None));
        Assert.Equal(organization, await Store.FindOrganizationAsync(organization.Name, None));
        Assert.Null(await Store.FindOrganizationAsync(organization.Name.ToLowerInvariant(), None));
        Assert.Null(await Store.GetOrganizationAsync(NewId(), None));
    }

    [DatabaseFact]
    public async Task Creating_an_organization_whose_name_is_taken_is_a_conflict()
    {
        var first = await NewOrganizationAsync();
        var second = new Organization(NewId(), first.Name, T0);

        await Assert.ThrowsAsync<ConflictException>(() => Store.CreateOrganizationAsync(second, None));
        Assert.Null(await Store.GetOrganizationAsync(second.Id, None));
    }

    [DatabaseFact]
    public async Task A_user_is_found_by_id_and_by_exact_login()
    {
        var withEmail = new User(NewId(), Unique("Ada"), "Ada Lovelace", "ada@example.com", T0);
        var withoutEmail = new User(NewId(), Unique("grace"), "Grace Hopper", null, T0.AddDays(1));
        await Store.CreateUserAsync(withEmail, None);
        await Store.CreateUserAsync(withoutEmail, None);

        Assert.Equal(withEmail, await Store.GetUserAsync(withEmail.Id, None));
        Assert.Equal(withEmail, await Store.FindUserAsync(withEmail.Login, None));
        Assert.Equal(withoutEmail, await Store.FindUserAsync(withoutEmail.Login, None));
        Assert.Null(await Store.FindUserAsync(withEmail.Login.ToUpperInvariant(), None));
        Assert.Null(await Store.GetUserAsync(NewId(), None));
    }

    [DatabaseFact]
    public async Task Creating_a_user_whose_login_is_taken_is_a_conflict()
    {
        var first = new User(NewId(), Unique("ada"), "Ada", null, T0);
        await Store.CreateUserAsync(first, None);

        await Assert.ThrowsAsync<ConflictException>(() => Store.CreateUserAsync(first with { Id = NewId() }, None));
    }

    [DatabaseFact]
    public async Task Setting_a_membership_again_changes_its_role()
    {
        var user = new User(NewId(), Unique("ada"), "Ada", null, T0);
        await Store.CreateUserAsync(user, None);
        var one = await NewOrganizationAsync();
        var two = await NewOrganizationAsync();

        await Store.SetMembershipAsync(new Membership(one.Id, user.Id, "member"), None);
        await Store.SetMembershipAsync(new Membership(two.Id, user.Id, "member"), None);
        await Store.SetMembershipAsync(new Membership(one.Id, user.Id, "admin"), None);

        var memberships = await Store.ListMembershipsAsync(user.Id, None);
        Assert.Equal(
            new[] { new Membership(one.Id, user.Id, "admin"), new Membership(two.Id, user.Id, "member") }.OrderBy(m => m.OrganizationId, StringComparer.Ordinal),
            memberships.OrderBy(m => m.OrganizationId, StringComparer.Ordinal));
    }

    [DatabaseFact]
    public async Task A_membership_of_an_unknown_organization_is_a_conflict()
    {
        var user = new User(NewId(), Unique("ada"), "Ada", null, T0);
        await Store.CreateUserAsync(user, None);

        await Assert.ThrowsAsync<ConflictException>(() => Store.SetMembershipAsync(new Membership(NewId(), user.Id, "admin"), None));
        Assert.Empty(await Store.ListMembershipsAsync(user.Id, None));
    }

    [DatabaseFact]
    public async Task A_token_is_found_by_its_value_hash_with_every_field()
    {
        var organization = await NewOrganizationAsync();
        var user = new User(NewId(), Unique("ada"), "Ada", null, T0);
        await Store.CreateUserAsync(user, None);
        var team = new AccessToken(NewId(), RandomHash(), TokenKind.Team, null, organization.Id, "platform", "ci", "deploys from CI",
            T0, T0.AddHours(1), T0.AddDays(30), T0.AddDays(2), "ada");
        var personal = new AccessToken(NewId(), RandomHash(), TokenKind.Personal, user.Id, null, null, "laptop", "",
            T0, null, null, null, "ada");
        await Store.CreateTokenAsync(team, None);
        await Store.CreateTokenAsync(personal, None);

        AssertSameToken(team, await Store.FindTokenAsync(team.ValueHash, None));
        AssertSameToken(personal, await Store.FindTokenAsync([.. personal.ValueHash], None));
    }

    [DatabaseFact]
    public async Task An_unknown_value_hash_finds_no_token()
    {
        Assert.Null(await Store.FindTokenAsync(RandomHash(), None));
    }

    [DatabaseFact]
    public async Task Creating_a_token_whose_value_hash_is_in_use_is_a_conflict()
    {
        var organization = await NewOrganizationAsync();
        var token = new AccessToken(NewId(), RandomHash(), TokenKind.Organization, null, organization.Id, null, "org", "", T0, null, null, null, "admin");
        await Store.CreateTokenAsync(token, None);

        await Assert.ThrowsAsync<ConflictException>(() => Store.CreateTokenAsync(token with { Id = NewId(), Name = "other" }, None));
    }

    [DatabaseFact]
    public async Task Touching_a_token_keeps_its_latest_use()
    {
        var organization = await NewOrganizationAsync();
        var token = new AccessToken(NewId(), RandomHash(), TokenKind.Organization, null, organization.Id, null, "org", "", T0, null, null, null, "admin");
        await Store.CreateTokenAsync(token, None);

        await Store.TouchTokenAsync(token.Id, T0.AddMinutes(5), None);
        await Store.TouchTokenAsync(token.Id, T0.AddMinutes(3), None);

        Assert.Equal(T0.AddMinutes(5), (await Store.FindTokenAsync(token.ValueHash, None))!.LastUsed);
    }

    private static byte[] RandomHash() => System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    private static void AssertSameToken(AccessToken expected, AccessToken? actual)
    {
        Assert.NotNull(actual);
        var noHash = Array.Empty<byte>();
        Assert.Equal(expected with { ValueHash = noHash }, actual with { ValueHash = noHash });
        Assert.Equal(expected.ValueHash, actual.ValueHash);
    }
}
