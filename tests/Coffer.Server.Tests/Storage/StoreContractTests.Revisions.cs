using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Storage;

public abstract partial class StoreContractTests
{
    [DatabaseFact]
    public async Task Adding_revisions_numbers_them_in_sequence_and_moves_the_latest()
    {
        var environment = await NewEnvironmentAsync();

        Assert.Equal(2, await Store.AddRevisionAsync(environment.Id, 1, Definition(2), Bob, T0.AddMinutes(2), [], None));
        Assert.Equal(3, await Store.AddRevisionAsync(environment.Id, null, Definition(3), Bob, T0.AddMinutes(3), [], None));

        var stored = await Store.GetEnvironmentAsync(environment.Id, None);
        Assert.Equal(3, stored!.LatestRevision);
        Assert.Equal(T0.AddMinutes(3), stored.Modified);
        Assert.Equal(environment.Created, stored.Created);
    }

    [DatabaseFact]
    public async Task A_revision_keeps_its_definition_creator_and_time()
    {
        var environment = await NewEnvironmentAsync();
        const string definition = "values:\n  password:\n    fn::secret:\n      ciphertext: ZXhhbXBsZQ==\n  unicode: \"h\u00e9llo \u2603\"\n";

        var number = await Store.AddRevisionAsync(environment.Id, 1, definition, Bob, T0.AddSeconds(1.5), [], None);

        Assert.Equal(new RevisionRecord(environment.Id, number, definition, T0.AddSeconds(1.5), Bob.Login, Bob.Name, null),
            await Store.GetRevisionAsync(environment.Id, number, None));
        Assert.Null(await Store.GetRevisionAsync(environment.Id, number + 1, None));
    }

    [DatabaseFact]
    public async Task A_stale_expected_revision_is_a_conflict_that_writes_nothing()
    {
        var environment = await NewEnvironmentAsync();
        await AddRevisionsAsync(environment, 2);

        await Assert.ThrowsAsync<ConflictException>(() => Store.AddRevisionAsync(environment.Id, 1, "lost", Alice, T0.AddHours(1), ["app/lost"], None));

        var stored = await Store.GetEnvironmentAsync(environment.Id, None);
        Assert.Equal(2, stored!.LatestRevision);
        Assert.Equal(T0.AddMinutes(2), stored.Modified);
        Assert.Null(await Store.GetRevisionAsync(environment.Id, 3, None));
        Assert.Empty(await Store.ListReferrersAsync(environment.OrganizationId, ["app/lost"], allRevisions: true, None));
    }

    [DatabaseFact]
    public async Task Adding_a_revision_to_a_deleted_environment_is_a_conflict()
    {
        var environment = await NewEnvironmentAsync();
        await Store.DeleteEnvironmentAsync(environment.Id, None);

        await Assert.ThrowsAsync<ConflictException>(() => Store.AddRevisionAsync(environment.Id, null, "x", Alice, T0, [], None));
        await Assert.ThrowsAsync<ConflictException>(() => Store.AddRevisionAsync(environment.Id, 1, "x", Alice, T0, [], None));
    }

    [DatabaseFact]
    public async Task Revisions_are_listed_newest_first_in_pages()
    {
        var environment = await NewEnvironmentAsync();
        await AddRevisionsAsync(environment, 5);

        async Task<int[]> Page(int? before, int count) =>
            [.. (await Store.ListRevisionsAsync(environment.Id, before, count, None)).Select(r => r.Number)];

        Assert.Equal(new[] { 5, 4 }, await Page(null, 2));
        Assert.Equal(new[] { 3, 2 }, await Page(4, 2));
        Assert.Equal(new[] { 1 }, await Page(2, 2));
        Assert.Empty(await Page(1, 2));
        Assert.Equal(new[] { 5, 4, 3, 2, 1 }, await Page(null, 100));
        Assert.Equal(new[] { 2, 1 }, await Page(3, 100));
        Assert.Equal(Definition(4), (await Store.ListRevisionsAsync(environment.Id, 5, 1, None)).Single().Definition);
    }

    [DatabaseFact]
    public async Task Retracting_a_revision_records_why_and_moves_its_tags_to_the_replacement()
    {
        var environment = await NewEnvironmentAsync();
        await AddRevisionsAsync(environment, 4);
        foreach (var (name, revision) in new[] { ("stable", 2), ("prod", 2), ("old", 1), ("next", 3) })
        {
            await Store.CreateRevisionTagAsync(new RevisionTag(environment.Id, name, revision, T0, T0, Alice.Login, Alice.Name), None);
        }
        var retraction = new Retraction(1, T0.AddHours(1), Bob.Login, Bob.Name, "leaked a credential");

        await Store.RetractRevisionAsync(environment.Id, 2, retraction, None);

        Assert.Equal(retraction, (await Store.GetRevisionAsync(environment.Id, 2, None))!.Retracted);
        Assert.Null((await Store.GetRevisionAsync(environment.Id, 1, None))!.Retracted);
        var moved = new RevisionTag(environment.Id, "", 1, T0, retraction.At, Bob.Login, Bob.Name);
        Assert.Equal(moved with { Name = "stable" }, await Store.GetRevisionTagAsync(environment.Id, "stable", None));
        Assert.Equal(moved with { Name = "prod" }, await Store.GetRevisionTagAsync(environment.Id, "prod", None));
        Assert.Equal(new RevisionTag(environment.Id, "old", 1, T0, T0, Alice.Login, Alice.Name), await Store.GetRevisionTagAsync(environment.Id, "old", None));
        Assert.Equal(new RevisionTag(environment.Id, "next", 3, T0, T0, Alice.Login, Alice.Name), await Store.GetRevisionTagAsync(environment.Id, "next", None));
    }

    [DatabaseFact]
    public async Task Retracting_the_latest_revision_is_a_conflict()
    {
        var environment = await NewEnvironmentAsync();
        await AddRevisionsAsync(environment, 2);

        await Assert.ThrowsAsync<ConflictException>(() => Store.RetractRevisionAsync(environment.Id, 2, new Retraction(1, T0, "bob", "Bob", ""), None));
        Assert.Null((await Store.GetRevisionAsync(environment.Id, 2, None))!.Retracted);
    }

    [DatabaseFact]
    public async Task Retracting_a_revision_twice_is_a_conflict()
    {
        var environment = await NewEnvironmentAsync();
        await AddRevisionsAsync(environment, 3);
        var first = new Retraction(1, T0, "bob", "Bob", "first");
        await Store.RetractRevisionAsync(environment.Id, 2, first, None);

        await Assert.ThrowsAsync<ConflictException>(() => Store.RetractRevisionAsync(environment.Id, 2, new Retraction(1, T0.AddDays(1), "alice", "Alice", "second"), None));
        Assert.Equal(first, (await Store.GetRevisionAsync(environment.Id, 2, None))!.Retracted);
    }

    [DatabaseFact]
    public async Task Retracting_an_unknown_revision_is_a_conflict()
    {
        var environment = await NewEnvironmentAsync();
        await AddRevisionsAsync(environment, 3);

        await Assert.ThrowsAsync<ConflictException>(() => Store.RetractRevisionAsync(environment.Id, 7, new Retraction(1, T0, "bob", "Bob", ""), None));
        await Assert.ThrowsAsync<ConflictException>(() => Store.RetractRevisionAsync(NewId(), 1, new Retraction(1, T0, "bob", "Bob", ""), None));
    }

    [DatabaseFact]
    public async Task A_revision_can_only_be_replaced_by_another_revision_that_is_not_retracted()
    {
        var environment = await NewEnvironmentAsync();
        await AddRevisionsAsync(environment, 4);
        await Store.CreateRevisionTagAsync(new RevisionTag(environment.Id, "stable", 3, T0, T0, Alice.Login, Alice.Name), None);
        await Store.RetractRevisionAsync(environment.Id, 1, new Retraction(2, T0, "bob", "Bob", ""), None);

        foreach (var replacement in new[] { 1, 3, 9 })
        {
            await Assert.ThrowsAsync<ConflictException>(() => Store.RetractRevisionAsync(environment.Id, 3, new Retraction(replacement, T0, "bob", "Bob", ""), None));
        }
        Assert.Null((await Store.GetRevisionAsync(environment.Id, 3, None))!.Retracted);
        Assert.Equal(3, (await Store.GetRevisionTagAsync(environment.Id, "stable", None))!.Revision);
    }
}
