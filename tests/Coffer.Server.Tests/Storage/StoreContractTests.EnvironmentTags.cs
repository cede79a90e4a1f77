using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Storage;

public abstract partial class StoreContractTests
{
    [DatabaseFact]
    public async Task Environment_tags_are_listed_by_name_in_pages()
    {
        var environment = await NewEnvironmentAsync();
        var other = await NewEnvironmentAsync();
        foreach (var name in new[] { "team", "Owner", "cost-center", "region" })
        {
            await Store.CreateEnvironmentTagAsync(new EnvironmentTag(environment.Id, name, $"value of {name}", T0, T0, Alice.Login, Alice.Name), None);
        }
        await Store.CreateEnvironmentTagAsync(new EnvironmentTag(other.Id, "elsewhere", "x", T0, T0, Alice.Login, Alice.Name), None);

        var first = await Store.ListEnvironmentTagsAsync(environment.Id, null, 2, None);
        var second = await Store.ListEnvironmentTagsAsync(environment.Id, first[^1].Name, 2, None);
        var third = await Store.ListEnvironmentTagsAsync(environment.Id, second[^1].Name, 2, None);

        Assert.Equal(["Owner", "cost-center"], first.Select(t => t.Name));
        Assert.Equal(["region", "team"], second.Select(t => t.Name));
        Assert.Empty(third);
        Assert.Equal(new EnvironmentTag(environment.Id, "region", "value of region", T0, T0, Alice.Login, Alice.Name), second[0]);
        Assert.Equal(["region", "team"], (await Store.ListEnvironmentTagsAsync(environment.Id, "o", 10, None)).Select(t => t.Name));
    }

    [DatabaseFact]
    public async Task Creating_an_environment_tag_that_exists_is_a_conflict()
    {
        var environment = await NewEnvironmentAsync();
        var tag = new EnvironmentTag(environment.Id, "team", "payments", T0, T0, Alice.Login, Alice.Name);
        await Store.CreateEnvironmentTagAsync(tag, None);

        await Assert.ThrowsAsync<ConflictException>(() => Store.CreateEnvironmentTagAsync(tag with { Value = "billing" }, None));
        Assert.Equal(tag, await Store.GetEnvironmentTagAsync(environment.Id, "team", None));
    }

    [DatabaseFact]
    public async Task Tagging_a_deleted_environment_is_a_conflict()
    {
        var environment = await NewEnvironmentAsync();
        await Store.DeleteEnvironmentAsync(environment.Id, None);

        await Assert.ThrowsAsync<ConflictException>(() =>
            Store.CreateEnvironmentTagAsync(new EnvironmentTag(environment.Id, "team", "payments", T0, T0, Alice.Login, Alice.Name), None));
    }

    [DatabaseFact]
    public async Task Renaming_an_environment_tag_keeps_its_creation_time()
    {
        var environment = await NewEnvironmentAsync();
        await Store.CreateEnvironmentTagAsync(new EnvironmentTag(environment.Id, "team", "payments", T0, T0, Alice.Login, Alice.Name), None);

        var updated = await Store.UpdateEnvironmentTagAsync(environment.Id, "team", "owner", "billing", Bob, T0.AddDays(1), None);

        var expected = new EnvironmentTag(environment.Id, "owner", "billing", T0, T0.AddDays(1), Bob.Login, Bob.Name);
        Assert.Equal(expected, updated);
        Assert.Equal(expected, await Store.GetEnvironmentTagAsync(environment.Id, "owner", None));
        Assert.Null(await Store.GetEnvironmentTagAsync(environment.Id, "team", None));
    }

    [DatabaseFact]
    public async Task Changing_only_the_value_of_an_environment_tag_keeps_its_name()
    {
        var environment = await NewEnvironmentAsync();
        await Store.CreateEnvironmentTagAsync(new EnvironmentTag(environment.Id, "team", "payments", T0, T0, Alice.Login, Alice.Name), None);

        var updated = await Store.UpdateEnvironmentTagAsync(environment.Id, "team", "team", "billing", Bob, T0.AddDays(1), None);

        Assert.Equal(new EnvironmentTag(environment.Id, "team", "billing", T0, T0.AddDays(1), Bob.Login, Bob.Name), updated);
    }

    [DatabaseFact]
    public async Task Renaming_an_environment_tag_onto_an_existing_name_is_a_conflict_that_changes_nothing()
    {
        var environment = await NewEnvironmentAsync();
        var team = new EnvironmentTag(environment.Id, "team", "payments", T0, T0, Alice.Login, Alice.Name);
        var owner = new EnvironmentTag(environment.Id, "owner", "alice", T0, T0, Alice.Login, Alice.Name);
        await Store.CreateEnvironmentTagAsync(team, None);
        await Store.CreateEnvironmentTagAsync(owner, None);

        await Assert.ThrowsAsync<ConflictException>(() => Store.UpdateEnvironmentTagAsync(environment.Id, "team", "owner", "billing", Bob, T0.AddDays(1), None));

        Assert.Equal(team, await Store.GetEnvironmentTagAsync(environment.Id, "team", None));
        Assert.Equal(owner, await Store.GetEnvironmentTagAsync(environment.Id, "owner", None));
    }

    [DatabaseFact]
    public async Task Updating_an_environment_tag_that_does_not_exist_returns_null()
    {
        var environment = await NewEnvironmentAsync();

        Assert.Null(await Store.UpdateEnvironmentTagAsync(environment.Id, "missing", "other", "x", Bob, T0, None));
        Assert.Empty(await Store.ListEnvironmentTagsAsync(environment.Id, null, 10, None));
    }

    [DatabaseFact]
    public async Task Deleting_an_environment_tag_removes_it_once()
    {
        var environment = await NewEnvironmentAsync();
        await Store.CreateEnvironmentTagAsync(new EnvironmentTag(environment.Id, "team", "payments", T0, T0, Alice.Login, Alice.Name), None);

        Assert.True(await Store.DeleteEnvironmentTagAsync(environment.Id, "team", None));
        Assert.False(await Store.DeleteEnvironmentTagAsync(environment.Id, "team", None));
        Assert.Null(await Store.GetEnvironmentTagAsync(environment.Id, "team", None));
    }
}
