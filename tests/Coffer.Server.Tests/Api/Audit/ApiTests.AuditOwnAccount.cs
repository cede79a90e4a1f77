using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

// A user's own tokens and password belong to no organization: they are recorded in every
// organization the user's token reaches.
public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task A_users_own_tokens_and_password_changes_are_audited_in_each_of_their_organizations()
    {
        var (firstAdmin, first) = await NewOrganizationMemberAsync();
        var (secondAdmin, second) = await NewOrganizationMemberAsync();
        var (otherAdmin, other) = await NewOrganizationMemberAsync();
        var login = Unique("ada");
        var ada = await NewUserAsync(firstAdmin, first, login);
        await secondAdmin.PostAsync($"api/orgs/{second}/members", Json(new { login, role = "member" })).ShouldBe(HttpStatusCode.OK);
        const string password = "correct horse battery staple";

        var created = await ada.PostAsync("api/user/tokens", Json(new { name = "laptop" })).JsonAsync();
        var id = (string)created["tokenInfo"]!["id"]!;
        await ada.DeleteAsync($"api/user/tokens/{id}").ShouldBe(HttpStatusCode.NoContent);
        await ada.PutAsync("api/user/password", Json(new { newPassword = password })).ShouldBe(HttpStatusCode.NoContent);
        await ada.PutAsync("api/user/password", Json(new { currentPassword = "not the password at all", newPassword = password + " 2" })).ErrorAsync(HttpStatusCode.Forbidden);

        foreach (var (admin, org) in new[] { (firstAdmin, first), (secondAdmin, second) })
        {
            var events = await AuditEventsAsync(admin, org);
            var tokenCreated = Newest(events, "token.created");
            Assert.Equal(login, (string?)tokenCreated["actor"]);
            Assert.Equal(id, (string?)tokenCreated["details"]!["tokenId"]);
            Assert.Equal("laptop", (string?)tokenCreated["details"]!["name"]);
            Assert.Equal(id, (string?)Newest(events, "token.revoked")["details"]!["id"]);
            Assert.Equal(
                ["denied", "success"],
                events.Where(e => (string?)e!["action"] == "user.password_changed").Select(e => (string)e!["outcome"]!));
            Assert.True((bool)(await VerifyAuditAsync(admin, org))["valid"]!);
            var export = await admin.GetAsync($"api/orgs/{org}/audit/export").TextAsync();
            Assert.DoesNotContain((string)created["token"]!, export, StringComparison.Ordinal);
            Assert.DoesNotContain(password, export, StringComparison.Ordinal);
        }
        var unrelated = (await AuditEventsAsync(otherAdmin, other)).Select(e => (string)e!["action"]!);
        Assert.DoesNotContain("user.password_changed", unrelated);
        Assert.DoesNotContain("token.created", unrelated);
    }
}
