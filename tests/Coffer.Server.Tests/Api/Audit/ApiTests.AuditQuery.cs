using System.Net;
using System.Text.Json.Nodes;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task Audit_query_filters_by_action_actor_environment_and_outcome()
    {
        var (admin, org, environment) = await AuditedOrganizationAsync();
        var other = new EnvironmentAddress(org, "other", Unique("env"));
        await CreateEnvironmentAsync(admin, org, other.Project, other.Name);
        await SetSettingsAsync(admin, org, new { defaultPermission = "read" });
        var login = Unique("reader");
        var reader = await NewUserAsync(admin, org, login);
        await reader.PostAsync($"{environment.Path}/open", null).ShouldBe(HttpStatusCode.Forbidden);
        await admin.PostAsync($"{environment.Path}/open", null).ShouldBe(HttpStatusCode.OK);

        var opens = await AuditEventsAsync(admin, org, "?action=environment.open");
        Assert.Single(opens);
        var byReader = await AuditEventsAsync(admin, org, $"?actor={login}");
        Assert.Equal(["environment.unauthorized_open"], byReader.Select(e => (string)e!["action"]!));
        var onOther = await AuditEventsAsync(admin, org, $"?environment={other.Project}/{other.Name}");
        Assert.Equal(["environment.created"], onOther.Select(e => (string)e!["action"]!));
        var denied = await AuditEventsAsync(admin, org, "?outcome=denied");
        Assert.All(denied, e => Assert.Equal("denied", (string?)e!["outcome"]));
        Assert.NotEmpty(denied);
    }

    [DatabaseFact]
    public async Task Audit_query_filters_by_time_range()
    {
        var (admin, org, _) = await AuditedOrganizationAsync();
        var updated = Newest(await AuditEventsAsync(admin, org), "environment.updated");
        var time = DateTimeOffset.Parse((string)updated["time"]!, System.Globalization.CultureInfo.InvariantCulture);
        var before = time.AddHours(-1).ToUnixTimeSeconds();
        var after = time.AddHours(1).ToUnixTimeSeconds();
        Assert.Empty(await AuditEventsAsync(admin, org, $"?action=environment.updated&from={after}"));
        Assert.Empty(await AuditEventsAsync(admin, org, $"?action=environment.updated&to={before}"));
        Assert.Single(await AuditEventsAsync(admin, org, $"?action=environment.updated&from={before}&to={after}"));
        Assert.Single(await AuditEventsAsync(admin, org, "?action=environment.updated&from=2000-01-01T00:00:00Z&to=2999-01-01T00:00:00Z"));
    }

    [DatabaseFact]
    public async Task Audit_query_pages_with_continuation_tokens_without_gaps_or_repeats()
    {
        var (admin, org, environment) = await AuditedOrganizationAsync();
        for (var i = 0; i < 7; i++)
        {
            await admin.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK);
        }
        var all = (await AuditEventsAsync(admin, org, "?count=1000")).Select(e => (long)e!["sequence"]!).ToList();
        var paged = new List<long>();
        string? token = null;
        do
        {
            var page = await admin.GetAsync($"api/orgs/{org}/audit?count=3{(token is null ? "" : "&continuationToken=" + Uri.EscapeDataString(token))}").JsonAsync();
            paged.AddRange(page["events"]!.AsArray().Select(e => (long)e!["sequence"]!));
            token = (string?)page["continuationToken"];
        }
        while (token is not null);
        // Each page request is itself audited, after the page was read: the newer ones are not in "all".
        Assert.Equal(all, paged.Where(s => s <= all[0]).ToList());
        Assert.Equal(paged.Count, paged.Distinct().Count());
    }

    [DatabaseFact]
    public async Task Audit_export_is_json_lines_oldest_first_with_the_filters_applied()
    {
        var (admin, org, environment) = await AuditedOrganizationAsync();
        await admin.PostAsync($"{environment.Path}/open", null).ShouldBe(HttpStatusCode.OK);
        var response = await admin.GetAsync($"api/orgs/{org}/audit/export?environment={environment.Project}/{environment.Name}").ShouldBe(HttpStatusCode.OK);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var events = lines.Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["environment.created", "environment.updated", "environment.open"], events.Select(e => (string)e["action"]!));
        Assert.Equal(events.Select(e => (long)e["sequence"]!).Order(), events.Select(e => (long)e["sequence"]!));
    }

    private static readonly (string Query, string Message)[] MalformedAuditQueries =
    [
        ("?from=yesterday", "from must be an RFC 3339 time"),
        ("?to=2026-13-45T99:00:00Z", "to must be an RFC 3339 time"),
        ("?from=99999999999999999999", "from must be an RFC 3339 time"),
        ("?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from must not be after to"),
        ("?count=0", "count must be between 1 and 1000"),
        ("?count=1000000", "count must be between 1 and 1000"),
        ("?count=-5", "count must be between 1 and 1000"),
        ("?count=lots", "query parameter count must be an integer"),
        ("?continuationToken=bogus", "invalid continuationToken"),
        ("?continuationToken=WyJhdWRpdCIsIi0xIl0", "invalid continuationToken"),
        ("?continuationToken=WyJlbnYiLCIxIl0", "invalid continuationToken"),
        ("?outcome=maybe", "outcome must be one of"),
        ("?environment=justone", "environment must be project/name"),
        ("?environment=a/b/c", "environment must be project/name"),
        ("?actor=a%00b", "must not contain NUL"),
    ];

    [DatabaseFact]
    public async Task Malformed_audit_query_parameters_are_400_naming_the_parameter()
    {
        var (admin, org, _) = await AuditedOrganizationAsync();
        foreach (var (query, message) in MalformedAuditQueries)
        {
            var error = await admin.GetAsync($"api/orgs/{org}/audit{query}").ErrorAsync(HttpStatusCode.BadRequest);
            Assert.True(error.Contains(message, StringComparison.Ordinal), $"{query}: {error}");
            // The export takes the same filters (it has no pages of its own).
            if (!query.StartsWith("?count", StringComparison.Ordinal) && !query.StartsWith("?continuationToken", StringComparison.Ordinal))
            {
                error = await admin.GetAsync($"api/orgs/{org}/audit/export{query}").ErrorAsync(HttpStatusCode.BadRequest);
                Assert.True(error.Contains(message, StringComparison.Ordinal), $"export{query}: {error}");
            }
        }
    }

    [DatabaseFact]
    public async Task Oversized_audit_filters_are_400()
    {
        var (admin, org, _) = await AuditedOrganizationAsync();
        var error = await admin.GetAsync($"api/orgs/{org}/audit?action={new string('a', 5000)}").ErrorAsync(HttpStatusCode.BadRequest);
        Assert.Contains("longer than 256", error, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Hostile_filter_text_is_only_ever_compared_never_executed()
    {
        var (admin, org, _) = await AuditedOrganizationAsync();
        var events = await AuditEventsAsync(admin, org, "?actor=" + Uri.EscapeDataString("x' OR '1'='1"));
        Assert.Empty(events);
    }

    [DatabaseFact]
    public async Task The_openapi_document_describes_the_audit_endpoints()
    {
        var document = await Client.GetAsync("openapi/v1.json").JsonAsync();

        var paths = document["paths"]!.Keys();
        Assert.Contains("/api/orgs/{org}/audit", paths);
        Assert.Contains("/api/orgs/{org}/audit/export", paths);
        Assert.Contains("/api/orgs/{org}/audit/verify", paths);
        Assert.Contains("continuationToken", (string?)document["paths"]!["/api/orgs/{org}/audit"]!["get"]!["summary"], StringComparison.Ordinal);
    }
}
