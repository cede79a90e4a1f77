using System.Text;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Storage;

public abstract partial class StoreContractTests
{
    [DatabaseFact]
    public async Task A_created_environment_is_found_by_id_and_by_name_with_its_first_revision()
    {
        var organization = await NewOrganizationAsync();
        var environment = await NewEnvironmentAsync(organization, "payments", "prod");

        AssertSameEnvironment(environment, await Store.GetEnvironmentAsync(environment.Id, None));
        AssertSameEnvironment(environment, await Store.FindEnvironmentAsync(organization.Id, "payments", "prod", None));
        Assert.Equal(FirstRevision(environment), await Store.GetRevisionAsync(environment.Id, 1, None));
        Assert.Null(await Store.FindEnvironmentAsync(organization.Id, "payments", "staging", None));
        Assert.Null(await Store.GetEnvironmentAsync(NewId(), None));
    }

    [DatabaseFact]
    public async Task Creating_an_environment_whose_name_is_taken_in_the_project_is_a_conflict_that_writes_nothing()
    {
        var organization = await NewOrganizationAsync();
        var existing = await NewEnvironmentAsync(organization, "app", "dev");
        var duplicate = existing with { Id = NewId() };

        await Assert.ThrowsAsync<ConflictException>(() => Store.CreateEnvironmentAsync(duplicate, FirstRevision(duplicate), ["app/base"], None));

        Assert.Null(await Store.GetEnvironmentAsync(duplicate.Id, None));
        Assert.Null(await Store.GetRevisionAsync(duplicate.Id, 1, None));
        Assert.Empty(await Store.ListReferrersAsync(organization.Id, ["app/base"], allRevisions: true, None));
        // The same name in another project is another environment.
        await NewEnvironmentAsync(organization, "other", "dev");
    }

    [DatabaseFact]
    public async Task Environment_names_are_case_sensitive()
    {
        var organization = await NewOrganizationAsync();
        var lower = await NewEnvironmentAsync(organization, "app", "prod");
        var upper = await NewEnvironmentAsync(organization, "app", "Prod");

        Assert.Equal(lower.Id, (await Store.FindEnvironmentAsync(organization.Id, "app", "prod", None))?.Id);
        Assert.Equal(upper.Id, (await Store.FindEnvironmentAsync(organization.Id, "app", "Prod", None))?.Id);
        Assert.Null(await Store.FindEnvironmentAsync(organization.Id, "App", "prod", None));
    }

    [DatabaseFact]
    public async Task Creating_an_environment_in_an_unknown_organization_is_a_conflict()
    {
        var orphan = new EnvironmentRecord(NewId(), NewId(), "app", "dev", T0, T0, 1, false, [1], 1);

        await Assert.ThrowsAsync<ConflictException>(() => Store.CreateEnvironmentAsync(orphan, FirstRevision(orphan), [], None));
        Assert.Null(await Store.GetEnvironmentAsync(orphan.Id, None));
    }

    [DatabaseFact]
    public async Task Environments_are_listed_by_organization_name_project_and_name_across_pages()
    {
        var suffix = Unique("");
        // Ids in the opposite order of names, so ordering by id would show.
        var zeta = new Organization("1" + NewId(), "zeta" + suffix, T0);
        var alphaUpper = new Organization("2" + NewId(), "Alpha" + suffix, T0);
        var alphaLower = new Organization("3" + NewId(), "alpha" + suffix, T0);
        var expected = new List<(string Organization, string Project, string Name)>();
        foreach (var organization in new[] { zeta, alphaUpper, alphaLower })
        {
            await Store.CreateOrganizationAsync(organization, None);
            foreach (var (project, name) in new[] { ("b", "x"), ("a", "y"), ("B", "x"), ("a", "X") })
            {
                await NewEnvironmentAsync(organization, project, name);
                expected.Add((organization.Name, project, name));
            }
        }
        expected.Sort((l, r) => string.CompareOrdinal($"{l.Organization}\0{l.Project}\0{l.Name}", $"{r.Organization}\0{r.Project}\0{r.Name}"));
        var organizationIds = new[] { zeta.Id, alphaUpper.Id, alphaLower.Id };

        foreach (var limit in new[] { 1, 5, 12, 100 })
        {
            var listed = new List<(string, string, string)>();
            var pages = 0;
            string? continuation = null;
            do
            {
                var page = await Store.ListEnvironmentsAsync(organizationIds, continuation, limit, None);
                Assert.InRange(page.Items.Count, 1, limit);
                var names = new[] { zeta, alphaUpper, alphaLower }.ToDictionary(o => o.Id, o => o.Name);
                listed.AddRange(page.Items.Select(e => e.Environment).Select(e => (names[e.OrganizationId], e.Project, e.Name)));
                continuation = page.Next;
                pages++;
            }
            while (continuation is not null);

            Assert.Equal(expected, listed);
            Assert.Equal((expected.Count + limit - 1) / limit, pages);
        }
    }

    [DatabaseFact]
    public async Task Listing_environments_only_shows_those_of_the_given_organizations()
    {
        var mine = await NewOrganizationAsync();
        var theirs = await NewOrganizationAsync();
        var environment = await NewEnvironmentAsync(mine);
        await NewEnvironmentAsync(theirs);

        var page = await Store.ListEnvironmentsAsync([mine.Id], null, 10, None);

        Assert.Equal([environment.Id], page.Items.Select(e => e.Environment.Id));
        Assert.Null(page.Next);
        Assert.Empty((await Store.ListEnvironmentsAsync([], null, 10, None)).Items);
    }

    [DatabaseFact]
    public async Task A_continuation_token_that_does_not_decode_is_a_format_error()
    {
        var organization = await NewOrganizationAsync();
        await NewEnvironmentAsync(organization);
        static string Encoded(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
        string[] garbage =
        [
            "", "!", "not a token", "%%%", "a", "abcde", Encoded("hello"), Encoded("{}"), Encoded("[]"), Encoded("""["a","b"]"""),
            Encoded("[1,2,3]"), Encoded("""["a",null,"c"]"""), Encoded("""["a","b","c","d"]"""), Encoded("null"),
        ];

        foreach (var token in garbage)
        {
            await Assert.ThrowsAsync<FormatException>(() => Store.ListEnvironmentsAsync([organization.Id], token, 10, None));
            await Assert.ThrowsAsync<FormatException>(() => Store.ListEnvironmentsAsync([], token, 10, None));
        }
    }

    [DatabaseFact]
    public async Task Deletion_protection_is_switched_on_and_off()
    {
        var environment = await NewEnvironmentAsync();

        await Store.SetDeletionProtectionAsync(environment.Id, true, None);
        Assert.True((await Store.GetEnvironmentAsync(environment.Id, None))!.DeletionProtected);

        await Store.SetDeletionProtectionAsync(environment.Id, false, None);
        Assert.False((await Store.GetEnvironmentAsync(environment.Id, None))!.DeletionProtected);
    }

    [DatabaseFact]
    public async Task Protecting_a_deleted_environment_is_a_conflict()
    {
        var environment = await NewEnvironmentAsync();
        await Store.DeleteEnvironmentAsync(environment.Id, None);

        await Assert.ThrowsAsync<ConflictException>(() => Store.SetDeletionProtectionAsync(environment.Id, true, None));
    }

    [DatabaseFact]
    public async Task Deleting_an_environment_removes_its_revisions_tags_references_and_sessions()
    {
        var organization = await NewOrganizationAsync();
        var doomed = await NewEnvironmentAsync(organization, "app", "doomed", ["app/base"]);
        var survivor = await NewEnvironmentAsync(organization, "app", "survivor", ["app/base"]);
        await Store.AddRevisionAsync(doomed.Id, 1, Definition(2), Bob, T0.AddMinutes(1), ["app/base"], None);
        await Store.CreateRevisionTagAsync(new RevisionTag(doomed.Id, "stable", 1, T0, T0, Alice.Login, Alice.Name), None);
        await Store.CreateEnvironmentTagAsync(new EnvironmentTag(doomed.Id, "team", "payments", T0, T0, Alice.Login, Alice.Name), None);
        var doomedSession = new OpenSession(NewId(), doomed.Id, 2, [9], T0, T0.AddHours(1));
        await Store.CreateSessionsAsync([doomedSession], None);
        var survivingSession = new OpenSession(NewId(), survivor.Id, 1, [8], T0, T0.AddHours(1));
        await Store.CreateSessionsAsync([survivingSession], None);

        await Store.DeleteEnvironmentAsync(doomed.Id, None);

        Assert.Null(await Store.GetEnvironmentAsync(doomed.Id, None));
        Assert.Null(await Store.GetRevisionAsync(doomed.Id, 1, None));
        Assert.Null(await Store.GetRevisionAsync(doomed.Id, 2, None));
        Assert.Empty(await Store.ListRevisionsAsync(doomed.Id, null, 10, None));
        Assert.Empty(await Store.ListRevisionTagsAsync(doomed.Id, null, 10, None));
        Assert.Empty(await Store.ListEnvironmentTagsAsync(doomed.Id, null, 10, None));
        Assert.Equal([survivor.Id], (await Store.ListReferrersAsync(organization.Id, ["app/base"], allRevisions: true, None)).Select(r => r.Environment.Id));
        Assert.Null(await Store.GetSessionAsync(doomedSession.Id, T0, None));
        Assert.Equal(survivingSession.Id, (await Store.GetSessionAsync(survivingSession.Id, T0, None))?.Id);
        // The name is free again.
        await NewEnvironmentAsync(organization, "app", "doomed");
    }

    [DatabaseFact]
    public async Task Deleting_an_unknown_environment_changes_nothing()
    {
        var environment = await NewEnvironmentAsync();

        await Store.DeleteEnvironmentAsync(NewId(), None);

        Assert.NotNull(await Store.GetEnvironmentAsync(environment.Id, None));
    }
}
