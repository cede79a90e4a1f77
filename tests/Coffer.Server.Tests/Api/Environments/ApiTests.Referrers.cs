using System.Net;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task Referrers_list_the_environments_importing_an_environment_by_version()
    {
        var project = Unique("proj");
        var common = await NewEnvironmentAsync("values:\n  a: 1\n", project: project, name: "common");
        await UpdateAsync(common, "values:\n  a: 2\n");
        await NewEnvironmentAsync($"imports:\n  - {common.Reference}\n", project: project, name: "app");
        await NewEnvironmentAsync($"imports:\n  - {common.Reference}@2\n", project: project, name: "pinned");

        var referrers = await Client.GetAsync($"{common.Path}/referrers").JsonAsync();

        AssertJson($$$"""
            {"referrers": {
              "2": [{"environment": {"project": "{{{project}}}", "name": "pinned", "revision": 2}}],
              "latest": [{"environment": {"project": "{{{project}}}", "name": "app", "revision": 2}}]
            }}
            """, referrers);
    }

    [DatabaseFact]
    public async Task An_environment_nobody_imports_has_no_referrers()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");

        var referrers = await Client.GetAsync($"{environment.Path}/referrers?count=&continuationToken=&allRevisions=").JsonAsync();

        AssertJson("""{"referrers":{}}""", referrers);
    }

    [DatabaseFact]
    public async Task A_deleted_importer_is_no_longer_a_referrer()
    {
        var common = await NewEnvironmentAsync("values:\n  a: 1\n");
        var app = await NewEnvironmentAsync($"imports:\n  - {common.Reference}\n");

        await Client.DeleteAsync(app.Path).ShouldBe(HttpStatusCode.NoContent);

        AssertJson("""{"referrers":{}}""", await Client.GetAsync($"{common.Path}/referrers").JsonAsync());
    }

    [DatabaseFact]
    public async Task Referrers_of_earlier_revisions_are_listed_only_when_asked_for_all_revisions()
    {
        var common = await NewEnvironmentAsync("values:\n  a: 1\n");
        var app = await NewEnvironmentAsync($"imports:\n  - {common.Reference}\n");
        await UpdateAsync(app, "values:\n  standalone: true\n");

        var latest = await Client.GetAsync($"{common.Path}/referrers").JsonAsync();
        var all = await Client.GetAsync($"{common.Path}/referrers?allRevisions=true").JsonAsync();

        AssertJson("""{"referrers":{}}""", latest);
        AssertJson($$$"""{"referrers":{"latest":[{"environment":{"project":"{{{app.Project}}}","name":"{{{app.Name}}}","revision":2}}]}}""", all);
    }
}
