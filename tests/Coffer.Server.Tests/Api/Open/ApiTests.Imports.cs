using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task An_import_brings_in_the_latest_values_of_a_stored_environment()
    {
        var common = await NewEnvironmentAsync("values:\n  region: eu-west-1\n  size: small\n");
        var app = await NewEnvironmentAsync($"imports:\n  - {common.Reference}\nvalues:\n  size: large\n", project: common.Project);
        await UpdateAsync(common, "values:\n  region: us-east-1\n  size: small\n");

        AssertJson("""{"region":"us-east-1","size":"large"}""", await OpenValuesAsync(app));
    }

    [DatabaseFact]
    public async Task An_import_at_a_revision_number_uses_that_revision()
    {
        var common = await NewEnvironmentAsync("values:\n  region: eu-west-1\n");
        await UpdateAsync(common, "values:\n  region: us-east-1\n");

        var app = await NewEnvironmentAsync($"imports:\n  - {common.Reference}@2\n");

        AssertJson("""{"region":"eu-west-1"}""", await OpenValuesAsync(app));
    }

    [DatabaseFact]
    public async Task An_import_at_a_tag_follows_the_tag()
    {
        var common = await NewEnvironmentAsync("values:\n  region: eu-west-1\n");
        await UpdateAsync(common, "values:\n  region: us-east-1\n");
        await Client.PostAsync($"{common.Path}/versions/tags", Json(new { name = "stable", revision = 2 })).ShouldBe(HttpStatusCode.NoContent);
        var app = await NewEnvironmentAsync($"imports:\n  - {common.Reference}@stable\n");
        AssertJson("""{"region":"eu-west-1"}""", await OpenValuesAsync(app));

        await Client.PatchAsync($"{common.Path}/versions/tags/stable", Json(new { revision = 3 })).ShouldBe(HttpStatusCode.NoContent);

        AssertJson("""{"region":"us-east-1"}""", await OpenValuesAsync(app));
    }

    [DatabaseFact]
    public async Task Environments_references_read_values_of_other_stored_environments()
    {
        var project = Unique("proj");
        await NewEnvironmentAsync("values:\n  url: db.example.com\n  port: 5432\n", project: project, name: "database");

        var app = await NewEnvironmentAsync($"values:\n  connection: ${{environments.{project}.database.url}}:${{environments.{project}.database.port}}\n");

        AssertJson("""{"connection":"db.example.com:5432"}""", await OpenValuesAsync(app));
    }

    [DatabaseFact]
    public async Task Secrets_of_an_imported_environment_decrypt_in_the_importer()
    {
        var common = await NewEnvironmentAsync(SecretDefinition);

        var app = await NewEnvironmentAsync($"imports:\n  - {common.Reference}\n");

        var session = await OpenAndReadAsync(app);
        Assert.Equal("hunter2-plaintext", (string)session["properties"]!["password"]!["value"]!);
        Assert.True((bool)session["properties"]!["password"]!["secret"]!);
    }

    [DatabaseFact]
    public async Task Importing_a_missing_environment_is_a_diagnostic()
    {
        var app = await NewEnvironmentAsync();

        var error = await Client.PatchAsync(app.Path, Yaml($"imports:\n  - {Unique("proj")}/missing\n")).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Contains("not found", (string)Assert.Single(error["diagnostics"]!.AsArray())!["summary"]!);
    }

    [DatabaseFact]
    public async Task Opening_an_environment_whose_import_was_deleted_is_400_with_a_diagnostic()
    {
        var common = await NewEnvironmentAsync("values:\n  a: 1\n");
        var app = await NewEnvironmentAsync($"imports:\n  - {common.Reference}\n");
        await Client.DeleteAsync(common.Path).ShouldBe(HttpStatusCode.NoContent);

        var error = await Client.PostAsync($"{app.Path}/open", null).JsonAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(error["diagnostics"]!.AsArray());
    }

    [DatabaseFact]
    public async Task Writing_an_import_cycle_is_400_with_a_diagnostic()
    {
        var project = Unique("proj");
        var a = await NewEnvironmentAsync(project: project, name: "a");
        await NewEnvironmentAsync($"imports:\n  - {a.Reference}\n", project: project, name: "b");

        var error = await Client.PatchAsync(a.Path, Yaml($"imports:\n  - {project}/b\n")).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Contains("cycl", error["diagnostics"]!.ToJsonString());
    }

    [DatabaseFact]
    public async Task Opening_a_stored_import_cycle_is_400_with_a_diagnostic_not_a_hang()
    {
        // A cycle cannot be written directly (see above), but one can form through a tag: b imports
        // a, a imports b at a tag naming b's revision without the import, then the tag moves.
        var project = Unique("proj");
        var a = await NewEnvironmentAsync(project: project, name: "a");
        var b = await NewEnvironmentAsync("values:\n  b: 1\n", project: project, name: "b");
        await Client.PostAsync($"{b.Path}/versions/tags", Json(new { name = "stable", revision = 2 })).ShouldBe(HttpStatusCode.NoContent);
        await UpdateAsync(a, $"imports:\n  - {b.Reference}@stable\n");
        await UpdateAsync(b, $"imports:\n  - {a.Reference}\nvalues:\n  b: 2\n");
        await Client.PatchAsync($"{b.Path}/versions/tags/stable", Json(new { revision = 3 })).ShouldBe(HttpStatusCode.NoContent);

        var error = await Client.PostAsync($"{a.Path}/open", null).JsonAsync(HttpStatusCode.BadRequest);
        var check = await Client.PostAsync($"api/esc/environments/{Org}/yaml/check", Yaml($"imports:\n  - {a.Reference}\n")).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Contains("cycl", error["diagnostics"]!.ToJsonString());
        Assert.Contains("cycl", check["diagnostics"]!.ToJsonString());
    }

    [DatabaseFact]
    public async Task Importing_a_retracted_revision_is_a_diagnostic()
    {
        var common = await NewEnvironmentAsync("values:\n  a: 1\n");
        await UpdateAsync(common, "values:\n  a: 2\n");
        await Client.PostAsync($"{common.Path}/versions/2/retract", null).ShouldBe(HttpStatusCode.NoContent);
        var app = await NewEnvironmentAsync();

        var error = await Client.PatchAsync(app.Path, Yaml($"imports:\n  - {common.Reference}@2\n")).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Contains("retracted", error["diagnostics"]!.ToJsonString());
    }

    [DatabaseFact]
    public async Task Imports_resolve_only_within_the_callers_organization()
    {
        var common = await NewEnvironmentAsync("values:\n  a: 1\n");
        var (member, organization) = await NewOrganizationMemberAsync();
        await member.PostAsync($"api/esc/environments/{organization}", Json(new { project = "app", name = "dev" })).ShouldBe(HttpStatusCode.NoContent);

        await member.PatchAsync($"api/esc/environments/{organization}/app/dev", Yaml($"imports:\n  - {common.Reference}\n")).JsonAsync(HttpStatusCode.BadRequest);
        await member.PostAsync($"api/esc/environments/{organization}/yaml/check", Yaml($"values:\n  x: ${{environments.{common.Project}.{common.Name}.a}}\n")).JsonAsync(HttpStatusCode.BadRequest);
    }

    [DatabaseFact]
    public async Task Imports_looked_up_together_are_each_checked_for_the_caller()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        await SetSettingsAsync(admin, org, new { defaultPermission = "none" });
        var ada = Unique("ada");
        var member = await NewUserAsync(admin, org, ada);
        foreach (var (name, yaml) in new[] { ("a", "values:\n  a: 1\n"), ("b", "values:\n  b: 2\n"), ("secret", "values:\n  s: 3\n") })
        {
            await CreateEnvironmentAsync(admin, org, "common", name);
            await admin.PatchAsync($"api/esc/environments/{org}/common/{name}", Yaml(yaml)).ShouldBe(HttpStatusCode.OK);
        }
        await GrantAsync(admin, org, "common/a", $"users/{ada}", "open");
        await GrantAsync(admin, org, "common/b", $"users/{ada}", "read");
        await CreateEnvironmentAsync(member, org, "app", "dev");
        var dev = $"api/esc/environments/{org}/app/dev";

        var refused = await member.PatchAsync(dev, Yaml("imports:\n  - common/a\n  - common/b\n  - common/secret\n  - common/missing\n")).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Equal(
            ["common/b: permission denied: this action needs open access to " + org + "/common/b", "environment common/missing not found", "environment common/secret not found"],
            refused["diagnostics"]!.AsArray().Select(d => (string)d!["summary"]!).Order());
        await GrantAsync(admin, org, "common/b", $"users/{ada}", "open");
        await member.PatchAsync(dev, Yaml("imports:\n  - common/a\n  - common/b\n")).ShouldBe(HttpStatusCode.OK);
        var session = await member.PostAsync($"{dev}/open", null).JsonAsync();
        var opened = await member.GetAsync($"{dev}/open/{(string)session["id"]!}").JsonAsync();
        Assert.Equal(["a", "b"], opened["properties"]!.AsObject().Select(p => p.Key).Order());
    }

    [DatabaseFact]
    public async Task An_environment_importing_itself_is_a_cycle_diagnostic()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");

        var error = await Client.PatchAsync(environment.Path, Yaml($"imports:\n  - {environment.Reference}\n")).JsonAsync(HttpStatusCode.BadRequest);

        Assert.Contains("cycl", error["diagnostics"]!.ToJsonString());
        Assert.Equal("values:\n  a: 1\n", await DefinitionAsync(environment));
    }

    [DatabaseFact]
    public async Task A_one_part_import_names_an_environment_of_the_default_project()
    {
        var common = await NewEnvironmentAsync("values:\n  from: default-project\n", project: "default");

        var app = await NewEnvironmentAsync($"imports:\n  - {common.Name}\n");

        AssertJson("""{"from":"default-project"}""", await OpenValuesAsync(app));
    }
}
