using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Storage;

public abstract partial class StoreContractTests
{
    [DatabaseFact]
    public async Task Referrers_at_the_latest_revision_are_environments_whose_newest_definition_references_the_name()
    {
        var organization = await NewOrganizationAsync();
        var dropped = await NewEnvironmentAsync(organization, "app", "dropped", ["app/base"]);
        await Store.AddRevisionAsync(dropped.Id, 1, "values: {}", Bob, T0, [], None);
        var kept = await NewEnvironmentAsync(organization, "app", "kept", ["app/base", "app/common"]);
        var readded = await NewEnvironmentAsync(organization, "app", "readded", ["app/base"]);
        await Store.AddRevisionAsync(readded.Id, 1, "values: {}", Bob, T0, [], None);
        await Store.AddRevisionAsync(readded.Id, 2, "imports: [app/base]", Bob, T0, ["app/base"], None);
        await NewEnvironmentAsync(organization, "app", "unrelated", ["app/other"]);

        var latest = await Store.ListReferrersAsync(organization.Id, ["app/base"], allRevisions: false, None);

        Assert.Equal([("kept", 1), ("readded", 3)], latest.Select(r => (r.Environment.Name, r.Revision)));
        Assert.Equal(kept.Id, latest[0].Environment.Id);
        Assert.Equal(3, latest[1].Environment.LatestRevision);
    }

    [DatabaseFact]
    public async Task Referrers_across_all_revisions_list_each_revision_that_references_the_name()
    {
        var organization = await NewOrganizationAsync();
        var dropped = await NewEnvironmentAsync(organization, "app", "dropped", ["app/base"]);
        await Store.AddRevisionAsync(dropped.Id, 1, "values: {}", Bob, T0, [], None);
        var readded = await NewEnvironmentAsync(organization, "app", "readded", ["app/base"]);
        await Store.AddRevisionAsync(readded.Id, 1, "values: {}", Bob, T0, [], None);
        await Store.AddRevisionAsync(readded.Id, 2, "imports: [app/base]", Bob, T0, ["app/base"], None);

        var all = await Store.ListReferrersAsync(organization.Id, ["app/base"], allRevisions: true, None);

        Assert.Equal([("dropped", 1), ("readded", 1), ("readded", 3)], all.Select(r => (r.Environment.Name, r.Revision)));
    }

    [DatabaseFact]
    public async Task Referrers_matching_several_names_are_listed_once_per_revision()
    {
        var organization = await NewOrganizationAsync();
        await NewEnvironmentAsync(organization, "app", "both", ["app/base", "app/common", "app/base"]);
        await NewEnvironmentAsync(organization, "app", "common", ["app/common"]);

        var latest = await Store.ListReferrersAsync(organization.Id, ["app/base", "app/common"], allRevisions: false, None);
        var all = await Store.ListReferrersAsync(organization.Id, ["app/base", "app/common"], allRevisions: true, None);

        Assert.Equal([("both", 1), ("common", 1)], latest.Select(r => (r.Environment.Name, r.Revision)));
        Assert.Equal([("both", 1), ("common", 1)], all.Select(r => (r.Environment.Name, r.Revision)));
        Assert.Empty(await Store.ListReferrersAsync(organization.Id, [], allRevisions: true, None));
    }

    [DatabaseFact]
    public async Task Referrers_are_looked_up_within_one_organization()
    {
        var mine = await NewOrganizationAsync();
        var theirs = await NewEnvironmentAsync(references: ["app/base"]);
        var environment = await NewEnvironmentAsync(mine, references: ["app/base"]);

        Assert.Equal([environment.Id], (await Store.ListReferrersAsync(mine.Id, ["app/base"], allRevisions: true, None)).Select(r => r.Environment.Id));
        Assert.Equal([theirs.Id], (await Store.ListReferrersAsync(theirs.OrganizationId, ["app/base"], allRevisions: false, None)).Select(r => r.Environment.Id));
    }

    [DatabaseFact]
    public async Task Referenced_names_are_matched_exactly_as_the_caller_stored_them()
    {
        var organization = await NewOrganizationAsync();
        await NewEnvironmentAsync(organization, "app", "x", ["App/Base"]);

        Assert.Empty(await Store.ListReferrersAsync(organization.Id, ["app/base"], allRevisions: true, None));
        Assert.Single(await Store.ListReferrersAsync(organization.Id, ["App/Base"], allRevisions: true, None));
    }
}
