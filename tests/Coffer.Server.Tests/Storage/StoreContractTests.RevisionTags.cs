using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Storage;

public abstract partial class StoreContractTests
{
    [DatabaseFact]
    public async Task A_revision_tag_is_read_back_with_every_field()
    {
        var environment = await NewEnvironmentAsync();
        var tag = new RevisionTag(environment.Id, "stable", 1, T0, T0.AddSeconds(1), Alice.Login, Alice.Name);

        await Store.CreateRevisionTagAsync(tag, None);

        Assert.Equal(tag, await Store.GetRevisionTagAsync(environment.Id, "stable", None));
        Assert.Null(await Store.GetRevisionTagAsync(environment.Id, "Stable", None));
    }

    [DatabaseFact]
    public async Task Revision_tags_are_listed_by_name_in_pages()
    {
        var environment = await NewEnvironmentAsync();
        var other = await NewEnvironmentAsync();
        foreach (var name in new[] { "b", "a", "C", "c" })
        {
            await Store.CreateRevisionTagAsync(new RevisionTag(environment.Id, name, 1, T0, T0, Alice.Login, Alice.Name), None);
        }
        await Store.CreateRevisionTagAsync(new RevisionTag(other.Id, "a0", 1, T0, T0, Alice.Login, Alice.Name), None);

        async Task<string[]> Page(string? after, int count) =>
            [.. (await Store.ListRevisionTagsAsync(environment.Id, after, count, None)).Select(t => t.Name)];

        // Byte order: upper case before lower case.
        Assert.Equal(["C", "a", "b"], await Page(null, 3));
        Assert.Equal(["c"], await Page("b", 3));
        Assert.Empty(await Page("c", 3));
        // A position need not be a tag that exists.
        Assert.Equal(["b", "c"], await Page("aa", 3));
        Assert.Equal(["C", "a", "b", "c"], await Page("", 10));
    }

    [DatabaseFact]
    public async Task Creating_a_revision_tag_that_exists_is_a_conflict()
    {
        var environment = await NewEnvironmentAsync();
        await AddRevisionsAsync(environment, 2);
        var tag = new RevisionTag(environment.Id, "stable", 1, T0, T0, Alice.Login, Alice.Name);
        await Store.CreateRevisionTagAsync(tag, None);

        await Assert.ThrowsAsync<ConflictException>(() => Store.CreateRevisionTagAsync(tag with { Revision = 2 }, None));
        Assert.Equal(tag, await Store.GetRevisionTagAsync(environment.Id, "stable", None));
    }

    [DatabaseFact]
    public async Task Tagging_a_revision_that_does_not_exist_is_a_conflict()
    {
        var environment = await NewEnvironmentAsync();

        await Assert.ThrowsAsync<ConflictException>(() =>
            Store.CreateRevisionTagAsync(new RevisionTag(environment.Id, "future", 2, T0, T0, Alice.Login, Alice.Name), None));
        Assert.Null(await Store.GetRevisionTagAsync(environment.Id, "future", None));
    }

    [DatabaseFact]
    public async Task Updating_a_revision_tag_points_it_at_another_revision()
    {
        var environment = await NewEnvironmentAsync();
        await AddRevisionsAsync(environment, 3);
        await Store.CreateRevisionTagAsync(new RevisionTag(environment.Id, "stable", 1, T0, T0, Alice.Login, Alice.Name), None);

        Assert.True(await Store.UpdateRevisionTagAsync(environment.Id, "stable", 3, Bob, T0.AddDays(1), None));

        Assert.Equal(new RevisionTag(environment.Id, "stable", 3, T0, T0.AddDays(1), Bob.Login, Bob.Name),
            await Store.GetRevisionTagAsync(environment.Id, "stable", None));
    }

    [DatabaseFact]
    public async Task Pointing_a_revision_tag_at_a_revision_that_does_not_exist_is_a_conflict()
    {
        var environment = await NewEnvironmentAsync();
        var tag = new RevisionTag(environment.Id, "stable", 1, T0, T0, Alice.Login, Alice.Name);
        await Store.CreateRevisionTagAsync(tag, None);

        await Assert.ThrowsAsync<ConflictException>(() => Store.UpdateRevisionTagAsync(environment.Id, "stable", 5, Bob, T0, None));
        Assert.Equal(tag, await Store.GetRevisionTagAsync(environment.Id, "stable", None));
    }

    [DatabaseFact]
    public async Task Updating_or_deleting_a_revision_tag_that_does_not_exist_returns_false()
    {
        var environment = await NewEnvironmentAsync();

        Assert.False(await Store.UpdateRevisionTagAsync(environment.Id, "missing", 1, Bob, T0, None));
        Assert.False(await Store.DeleteRevisionTagAsync(environment.Id, "missing", None));
        Assert.Null(await Store.GetRevisionTagAsync(environment.Id, "missing", None));
    }

    [DatabaseFact]
    public async Task Deleting_a_revision_tag_removes_only_that_tag()
    {
        var environment = await NewEnvironmentAsync();
        await Store.CreateRevisionTagAsync(new RevisionTag(environment.Id, "stable", 1, T0, T0, Alice.Login, Alice.Name), None);
        await Store.CreateRevisionTagAsync(new RevisionTag(environment.Id, "prod", 1, T0, T0, Alice.Login, Alice.Name), None);

        Assert.True(await Store.DeleteRevisionTagAsync(environment.Id, "stable", None));
        Assert.False(await Store.DeleteRevisionTagAsync(environment.Id, "stable", None));

        Assert.Equal(["prod"], (await Store.ListRevisionTagsAsync(environment.Id, null, 10, None)).Select(t => t.Name));
    }
}
