using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task A_revoked_token_stops_working_at_once_on_the_server_that_revoked_it()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        var personal = await admin.PostAsync("api/user/tokens", Json(new { name = Unique("laptop") })).JsonAsync();
        var organization = await admin.PostAsync($"api/orgs/{org}/tokens", Json(new { name = Unique("ci") })).JsonAsync();
        var laptop = Server.NewClient((string)personal["token"]!);
        var ci = Server.NewClient((string)organization["token"]!);
        // Both are now in the server's cache of callers.
        await laptop.GetAsync("api/user").ShouldBe(HttpStatusCode.OK);
        await ci.GetAsync($"api/esc/environments/{org}").ShouldBe(HttpStatusCode.OK);

        await admin.DeleteAsync($"api/user/tokens/{(string)personal["tokenInfo"]!["id"]!}").ShouldBe(HttpStatusCode.NoContent);
        await admin.DeleteAsync($"api/orgs/{org}/tokens/{(string)organization["tokenInfo"]!["id"]!}").ShouldBe(HttpStatusCode.NoContent);

        await laptop.GetAsync("api/user").ErrorAsync(HttpStatusCode.Unauthorized);
        await ci.GetAsync($"api/esc/environments/{org}").ErrorAsync(HttpStatusCode.Unauthorized);
        await admin.GetAsync("api/user").ShouldBe(HttpStatusCode.OK);
    }
}
