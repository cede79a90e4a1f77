using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Storage;

public abstract partial class StoreContractTests
{
    [DatabaseFact]
    public async Task Bootstrapping_creates_the_organization_its_administrator_and_their_token()
    {
        var store = await MigratedEmptyStoreAsync();
        var (organization, admin, token) = BootstrapRecords();

        await store.BootstrapAsync(organization, admin, new Membership(organization.Id, admin.Id, "admin"), token, None);

        Assert.Equal(organization, await store.FindOrganizationAsync(organization.Name, None));
        Assert.Equal(admin, await store.FindUserAsync("admin", None));
        Assert.Equal([new Membership(organization.Id, admin.Id, "admin")], await store.ListMembershipsAsync(admin.Id, None));
        Assert.Equal(token.Id, (await store.FindTokenAsync(token.ValueHash, None))?.Id);
    }

    [DatabaseFact]
    public async Task Bootstrapping_writes_nothing_when_any_part_exists_already()
    {
        var store = await MigratedEmptyStoreAsync();
        await store.CreateUserAsync(new User(NewId(), "admin", "In the way", null, T0), None);
        var (organization, admin, token) = BootstrapRecords();

        await Assert.ThrowsAsync<ConflictException>(() => store.BootstrapAsync(organization, admin, new Membership(organization.Id, admin.Id, "admin"), token, None));

        Assert.True(await store.IsEmptyAsync(None));
        Assert.Null(await store.FindTokenAsync(token.ValueHash, None));
    }

    private static (Organization Organization, User Admin, AccessToken Token) BootstrapRecords()
    {
        var organization = new Organization(NewId(), "default", T0);
        var admin = new User(NewId(), "admin", "Administrator", null, T0);
        var token = new AccessToken(NewId(), Guid.NewGuid().ToByteArray(), TokenKind.Personal, admin.Id, organization.Id, null, "bootstrap", "created on first start", T0, null, null, null, "admin");
        return (organization, admin, token);
    }
}
