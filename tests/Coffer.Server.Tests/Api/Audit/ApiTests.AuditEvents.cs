using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task Open_and_session_read_are_audited_with_actor_token_revision_address_and_user_agent()
    {
        var (admin, org, environment) = await AuditedOrganizationAsync();
        admin.DefaultRequestHeaders.UserAgent.ParseAdd("audit-test/1.0");
        var id = await OpenWithAsync(admin, environment);
        await admin.GetAsync($"{environment.Path}/open/{id}").ShouldBe(HttpStatusCode.OK);

        var events = await AuditEventsAsync(admin, org);
        var open = Newest(events, "environment.open");
        Assert.Equal("success", (string?)open["outcome"]);
        Assert.Equal(environment.Project, (string?)open["project"]);
        Assert.Equal(environment.Name, (string?)open["environment"]);
        Assert.Equal(2, (int?)open["revision"]);
        Assert.Equal(org, (string?)open["organization"]);
        Assert.StartsWith("user-", (string?)open["actor"]);
        Assert.False(string.IsNullOrEmpty((string?)open["tokenId"]));
        Assert.Equal("127.0.0.1", (string?)open["clientAddress"]);
        Assert.Equal("audit-test/1.0", (string?)open["userAgent"]);
        var read = Newest(events, "environment.read_open");
        Assert.Equal("success", (string?)read["outcome"]);
        Assert.Equal(2, (int?)read["revision"]);
        Assert.True((long)read["sequence"]! > (long)open["sequence"]!);
    }

    [DatabaseFact]
    public async Task An_oversized_user_agent_is_cut_to_256_characters()
    {
        var (admin, org, environment) = await AuditedOrganizationAsync();
        admin.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", new string('u', 10_000));
        await admin.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK);

        var read = Newest(await AuditEventsAsync(admin, org), "environment.read");
        Assert.Equal(new string('u', 256), (string?)read["userAgent"]);
    }

    [DatabaseFact]
    public async Task Concurrent_reads_on_one_server_are_each_recorded_once_in_a_valid_chain()
    {
        var (admin, org, environment) = await AuditedOrganizationAsync();
        const int Readers = 100;
        await Task.WhenAll(Enumerable.Range(0, Readers).Select(_ => admin.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK)));

        var reads = await AuditEventsAsync(admin, org, "?action=environment.read&count=1000");
        Assert.Equal(Readers, reads.Count);
        Assert.True((bool)(await VerifyAuditAsync(admin, org))["valid"]!);
    }

    [DatabaseFact]
    public async Task Update_is_audited_with_the_revision_it_wrote()
    {
        var (admin, org, environment) = await AuditedOrganizationAsync();
        var revision = await UpdateWithAsync(admin, environment, "values:\n  greeting: changed\n");

        var updated = Newest(await AuditEventsAsync(admin, org), "environment.updated");
        Assert.Equal(revision, (int?)updated["revision"]);
        Assert.Equal("success", (string?)updated["outcome"]);
    }

    [DatabaseFact]
    public async Task Open_without_permission_is_audited_as_an_unauthorized_open()
    {
        var (admin, org, environment) = await AuditedOrganizationAsync();
        await SetSettingsAsync(admin, org, new { defaultPermission = "read" });
        var reader = await NewUserAsync(admin, org, Unique("reader"));
        await reader.PostAsync($"{environment.Path}/open", null).ShouldBe(HttpStatusCode.Forbidden);

        var denied = Newest(await AuditEventsAsync(admin, org), "environment.unauthorized_open");
        Assert.Equal("denied", (string?)denied["outcome"]);
        Assert.Equal(403, (int?)denied["details"]!["status"]);
    }

    [DatabaseFact]
    public async Task A_presented_but_invalid_token_is_audited_without_its_value()
    {
        var (admin, org, environment) = await AuditedOrganizationAsync();
        const string bogus = "cof_not-a-real-token-value-0123456789";
        await Server.NewClient(bogus).GetAsync(environment.Path).ShouldBe(HttpStatusCode.Unauthorized);

        var events = await AuditEventsAsync(admin, org);
        var failed = Newest(events, "authentication.failed");
        Assert.Equal("unauthenticated", (string?)failed["outcome"]);
        Assert.Equal("", (string?)failed["actor"]);
        Assert.DoesNotContain(bogus, events.ToJsonString(), StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Decrypting_records_the_event_but_never_the_secret()
    {
        var (admin, org, environment) = await AuditedOrganizationAsync("values:\n  password:\n    fn::secret: hunter2-audit\n");
        var text = await admin.GetAsync($"{environment.Path}/decrypt").TextAsync();
        Assert.Contains("hunter2-audit", text, StringComparison.Ordinal);
        await OpenWithAsync(admin, environment);

        var export = await admin.GetAsync($"api/orgs/{org}/audit/export").TextAsync();
        Assert.Contains("\"environment.decrypted\"", export, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-audit", export, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Token_grant_and_settings_changes_are_audited()
    {
        var (admin, org, environment) = await AuditedOrganizationAsync();
        var created = await admin.PostAsync($"api/orgs/{org}/tokens", Json(new { name = "ci" })).JsonAsync();
        await admin.DeleteAsync($"api/orgs/{org}/tokens/{(string)created["tokenInfo"]!["id"]!}").ShouldBe(HttpStatusCode.NoContent);
        var login = Unique("member");
        await NewUserAsync(admin, org, login);
        await GrantAsync(admin, org, environment.Reference, $"users/{login}", "open");
        await SetSettingsAsync(admin, org, new { defaultPermission = "none" });

        var events = await AuditEventsAsync(admin, org);
        var actions = events.Select(e => (string)e!["action"]!).ToList();
        var tokenCreated = Newest(events, "token.created")["details"]!;
        Assert.Equal((string)created["tokenInfo"]!["id"]!, (string?)tokenCreated["tokenId"]);
        Assert.Equal("ci", (string?)tokenCreated["name"]);
        Assert.Equal((string)created["tokenInfo"]!["id"]!, (string?)Newest(events, "token.revoked")["details"]!["id"]);
        var grant = Newest(events, "grant.set");
        Assert.Equal("open", (string?)grant["details"]!["permission"]);
        Assert.Equal(login, (string?)grant["details"]!["subject"]);
        Assert.Equal(environment.Project, (string?)grant["project"]);
        Assert.Equal(login, (string?)Newest(events, "user.created")["details"]!["login"]);
        Assert.Equal("none", (string?)Newest(events, "organization.settings_updated")["details"]!["defaultPermission"]);
        Assert.Contains("token.created", actions);
        Assert.Contains("token.revoked", actions);
        Assert.Contains("user.created", actions);
        Assert.Contains("grant.set", actions);
        Assert.Contains("organization.settings_updated", actions);
        Assert.DoesNotContain((string)created["token"]!, (await admin.GetAsync($"api/orgs/{org}/audit/export").TextAsync()), StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Only_organization_administrators_read_the_audit_log()
    {
        var (admin, org, _) = await AuditedOrganizationAsync();
        var member = await NewUserAsync(admin, org, Unique("member"));
        await member.GetAsync($"api/orgs/{org}/audit").ShouldBe(HttpStatusCode.Forbidden);
        await member.GetAsync($"api/orgs/{org}/audit/export").ShouldBe(HttpStatusCode.Forbidden);
        await member.GetAsync($"api/orgs/{org}/audit/verify").ShouldBe(HttpStatusCode.Forbidden);
        await Client.GetAsync($"api/orgs/{org}/audit").ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<string> OpenWithAsync(HttpClient client, EnvironmentAddress environment)
    {
        var opened = await client.PostAsync($"{environment.Path}/open", null).JsonAsync();
        return (string)opened["id"]!;
    }

    private static async Task<int> UpdateWithAsync(HttpClient client, EnvironmentAddress environment, string yaml) =>
        Revision(await client.PatchAsync(environment.Path, Yaml(yaml)).ShouldBe(HttpStatusCode.OK));
}
