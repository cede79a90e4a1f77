using System.Net;
using System.Text.Json.Nodes;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    /// <summary>Creates a member of <paramref name="organization"/> through the admin API; returns a client with their first token.</summary>
    protected async Task<HttpClient> NewUserAsync(HttpClient admin, string organization, string login, string role = "member")
    {
        var created = await admin.PostAsync($"api/orgs/{organization}/users", Json(new { login, name = login, role })).JsonAsync();
        return Server.NewClient((string)created["token"]!);
    }

    protected static Task<JsonNode> SetSettingsAsync(HttpClient admin, string organization, object settings) =>
        admin.PatchAsync($"api/orgs/{organization}/settings", Json(settings)).JsonAsync();

    protected static async Task NewTeamAsync(HttpClient admin, string organization, string team, params string[] members)
    {
        await admin.PostAsync($"api/orgs/{organization}/teams", Json(new { name = team })).ShouldBe(HttpStatusCode.OK);
        foreach (var login in members)
        {
            await admin.PutAsync($"api/orgs/{organization}/teams/{team}/members/{login}", null).ShouldBe(HttpStatusCode.NoContent);
        }
    }

    /// <summary>Grants <paramref name="subject"/> (<c>users/login</c> or <c>teams/name</c>) a permission on <paramref name="scope"/> (<c>project/env</c> or <c>project/*</c>).</summary>
    protected static Task GrantAsync(HttpClient admin, string organization, string scope, string subject, string permission) =>
        admin.PutAsync($"api/orgs/{organization}/grants/{scope}/{subject}", Json(new { permission })).ShouldBe(HttpStatusCode.OK);

    protected static Task CreateEnvironmentAsync(HttpClient client, string organization, string project, string name) =>
        client.PostAsync($"api/esc/environments/{organization}", Json(new { project, name })).ShouldBe(HttpStatusCode.NoContent);
}
