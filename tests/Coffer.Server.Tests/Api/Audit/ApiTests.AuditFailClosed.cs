using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

// These tests make the audit table refuse every insert (a trigger), so they must not overlap with
// other tests of the class: xunit runs the tests of one class one at a time.
public abstract partial class ApiTests
{
    private const string AuditFailureMessage = "the audit log could not be written, so the request was not carried out";

    [DatabaseFact]
    public async Task When_the_audit_log_fails_an_update_is_500_and_changes_nothing()
    {
        var (admin, org, environment) = await AuditedOrganizationAsync("values:\n  greeting: before\n");
        using var raw = RawClient(admin);
        await FailAuditInsertsAsync();
        try
        {
            var response = await raw.PatchAsync(environment.Path, Yaml("values:\n  greeting: after\n"));
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Contains(AuditFailureMessage, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await RestoreAuditInsertsAsync();
        }
        var definition = await admin.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK);
        Assert.Equal(2, Revision(definition));
        Assert.Contains("before", await definition.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((bool)(await VerifyAuditAsync(admin, org))["valid"]!);
    }

    [DatabaseFact]
    public async Task When_the_audit_log_fails_open_read_and_decrypt_return_no_values()
    {
        var (admin, _, environment) = await AuditedOrganizationAsync("values:\n  password:\n    fn::secret: fail-closed-secret\n");
        var id = await OpenWithAsync(admin, environment);
        using var raw = RawClient(admin);
        await FailAuditInsertsAsync();
        try
        {
            foreach (var request in (Func<Task<HttpResponseMessage>>[])[
                () => raw.PostAsync($"{environment.Path}/open", null),
                () => raw.GetAsync($"{environment.Path}/open/{id}"),
                () => raw.GetAsync($"{environment.Path}/open/{id}?property=password"),
                () => raw.GetAsync($"{environment.Path}/decrypt"),
            ])
            {
                var response = await request();
                var body = await response.Content.ReadAsStringAsync();
                Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
                Assert.Contains(AuditFailureMessage, body, StringComparison.Ordinal);
                Assert.DoesNotContain("fail-closed-secret", body, StringComparison.Ordinal);
                Assert.DoesNotContain("\"id\"", body, StringComparison.Ordinal);
            }
        }
        finally
        {
            await RestoreAuditInsertsAsync();
        }
        // Working again once the audit log is.
        await admin.GetAsync($"{environment.Path}/open/{id}").ShouldBe(HttpStatusCode.OK);
    }

    [DatabaseFact]
    public async Task When_the_audit_log_fails_a_denied_request_is_500_too()
    {
        var (admin, org, environment) = await AuditedOrganizationAsync();
        await SetSettingsAsync(admin, org, new { defaultPermission = "read" });
        var reader = await NewUserAsync(admin, org, Unique("reader"));
        using var raw = RawClient(reader);
        await FailAuditInsertsAsync();
        try
        {
            var response = await raw.PostAsync($"{environment.Path}/open", null);
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        }
        finally
        {
            await RestoreAuditInsertsAsync();
        }
    }

    [DatabaseFact]
    public async Task When_the_audit_log_fails_creating_an_environment_or_granting_access_changes_nothing()
    {
        var (admin, org, environment) = await AuditedOrganizationAsync();
        var login = Unique("member");
        await NewUserAsync(admin, org, login);
        using var raw = RawClient(admin);
        await FailAuditInsertsAsync();
        try
        {
            var granted = await raw.PutAsync($"api/orgs/{org}/grants/{environment.Reference}/users/{login}", Json(new { permission = "admin" }));
            Assert.Equal(HttpStatusCode.InternalServerError, granted.StatusCode);
            var created = await raw.PostAsync($"api/esc/environments/{org}", Json(new { project = "app", name = "never" }));
            Assert.Equal(HttpStatusCode.InternalServerError, created.StatusCode);
        }
        finally
        {
            await RestoreAuditInsertsAsync();
        }
        var grants = await admin.GetAsync($"api/orgs/{org}/grants/{environment.Reference}").JsonAsync();
        Assert.DoesNotContain(login, grants.ToJsonString(), StringComparison.Ordinal);
        await admin.GetAsync($"api/esc/environments/{org}/app/never").ShouldBe(HttpStatusCode.NotFound);
    }
}
