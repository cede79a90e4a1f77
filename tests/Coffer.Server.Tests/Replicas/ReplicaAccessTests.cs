using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Replicas;

/// <summary>
/// Replicas keep the permission decisions they made; a change of access through another replica
/// must still apply to the very next request. A pair of its own, as it adds users and changes the
/// organization's settings.
/// </summary>
[RequiresPostgres]
public sealed class ReplicaAccessTests(ReplicaPair replicas) : IClassFixture<ReplicaPair>
{
    [DatabaseFact]
    public async Task A_grant_revoked_through_one_replica_applies_at_once_on_the_other()
    {
        using var clients = replicas.Clients();
        var (admin, _) = clients;
        var path = $"default/replicas/{SecretScan.NewSecret("env")}";
        await admin.CreateEnvironmentAsync("default", "replicas", path.Split('/')[2]);
        var scope = path["default/".Length..];
        var login = "eve-" + Guid.NewGuid().ToString("N")[..8];
        var created = await admin.PostAsync("api/orgs/default/users", Json(new { login, name = login, role = "member" })).JsonAsync();
        using var eve = replicas.Second.CreateClient((string)created["token"]!);
        await admin.PutAsync($"api/orgs/default/grants/{scope}/users/{login}", Json(new { permission = "open" })).ShouldBe(HttpStatusCode.OK);
        await admin.PatchAsync("api/orgs/default/settings", Json(new { defaultPermission = "none" })).ShouldBe(HttpStatusCode.OK);
        await eve.OpenAsync(path);
        await eve.OpenAsync(path);

        await admin.PutAsync($"api/orgs/default/grants/{scope}/users/{login}", Json(new { permission = "read" })).ShouldBe(HttpStatusCode.OK);
        await eve.PostAsync($"api/esc/environments/{path}/open", null).ShouldBe(HttpStatusCode.Forbidden);

        await admin.DeleteAsync($"api/orgs/default/grants/{scope}/users/{login}").ShouldBe(HttpStatusCode.NoContent);
        await eve.PostAsync($"api/esc/environments/{path}/open", null).ShouldBe(HttpStatusCode.NotFound);

        await admin.PatchAsync("api/orgs/default/settings", Json(new { defaultPermission = "open" })).ShouldBe(HttpStatusCode.OK);
        await eve.OpenAsync(path);
    }
}
