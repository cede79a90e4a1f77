using System.Text.Json.Nodes;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    /// <summary>An organization of its own (so its audit chain holds only the test's events), its administrator, and an environment.</summary>
    protected async Task<(HttpClient Admin, string Organization, EnvironmentAddress Environment)> AuditedOrganizationAsync(string yaml = "values:\n  greeting: hello\n")
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        var environment = new EnvironmentAddress(org, "app", Unique("env"));
        await CreateEnvironmentAsync(admin, org, environment.Project, environment.Name);
        await admin.PatchAsync(environment.Path, ApiHttp.Yaml(yaml)).ShouldBe(System.Net.HttpStatusCode.OK);
        return (admin, org, environment);
    }

    /// <summary>The events of one page of <c>GET /api/orgs/{org}/audit</c>, newest first.</summary>
    protected static async Task<JsonArray> AuditEventsAsync(HttpClient admin, string organization, string query = "")
    {
        var page = await admin.GetAsync($"api/orgs/{organization}/audit{query}").JsonAsync();
        return page["events"]!.AsArray();
    }

    protected static async Task<JsonNode> VerifyAuditAsync(HttpClient admin, string organization) =>
        await admin.GetAsync($"api/orgs/{organization}/audit/verify").JsonAsync();

    /// <summary>The newest event with <paramref name="action"/>, or a failure listing what there is.</summary>
    protected static JsonNode Newest(JsonArray events, string action) =>
        events.FirstOrDefault(e => (string?)e!["action"] == action)
        ?? throw new Xunit.Sdk.XunitException($"no {action} event in {events.ToJsonString()}");

    /// <summary>SQL naming the organization's id, for statements run on the database directly.</summary>
    protected static string OrganizationIdSql(string organization) => $"(SELECT id FROM organizations WHERE name = '{organization}')";
}
