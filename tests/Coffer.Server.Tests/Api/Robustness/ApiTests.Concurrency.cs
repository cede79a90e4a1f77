using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    private const int Writers = 20;

    [DatabaseFact]
    public async Task Of_concurrent_writers_with_the_same_etag_exactly_one_wins()
    {
        var environment = await NewEnvironmentAsync("values:\n  writer: none\n");
        var etag = (await Client.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK)).Headers.ETag!.ToString();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writes = Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await Client.PatchAsync(environment.Path, Yaml($"values:\n  writer: w{i}\n"), ("ETag", etag));
        })).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(writes);

        var won = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r != won), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal("3", won.Header("Pulumi-ESC-Revision"));
        var revisions = (await Client.GetAsync($"{environment.Path}/versions").JsonAsync()).AsArray();
        Assert.Equal([3, 2, 1], revisions.Select(r => (int)r!["number"]!));
    }

    [DatabaseFact]
    public async Task Concurrent_blind_writers_all_succeed_with_distinct_consecutive_revisions()
    {
        var environment = await NewEnvironmentAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writes = Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            var response = await Client.PatchAsync(environment.Path, Yaml($"values:\n  writer: w{i}\n")).ShouldBe(HttpStatusCode.OK);
            return (Writer: i, Revision: Revision(response));
        })).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(writes);

        Assert.Equal(Enumerable.Range(2, Writers), outcomes.Select(o => o.Revision).Order());
        foreach (var (writer, revision) in outcomes)
        {
            Assert.Equal($"values:\n  writer: w{writer}\n", await DefinitionAsync(environment, $"/versions/{revision}"));
        }
        var revisions = (await Client.GetAsync($"{environment.Path}/versions").JsonAsync()).AsArray();
        Assert.Equal(Enumerable.Range(1, Writers + 1).Reverse(), revisions.Select(r => (int)r!["number"]!));
    }

    [DatabaseFact]
    public async Task Sessions_opened_concurrently_are_stored_each_with_its_own_environment()
    {
        var replica = (await ReplicaAsync()).Client;
        var environments = new List<EnvironmentAddress>();
        for (var i = 0; i < Writers; i++)
        {
            environments.Add(await NewEnvironmentAsync($"values:\n  who: e{i}\n"));
        }
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var opens = environments.Select(environment => Task.Run(async () =>
        {
            await start.Task;
            return await OpenAsync(environment);
        })).ToList();
        start.SetResult();
        var ids = await Task.WhenAll(opens);

        Assert.Equal(Writers, ids.Distinct().Count());
        // The replica has not seen these sessions, so it reads each from the database.
        for (var i = 0; i < Writers; i++)
        {
            var value = await replica.GetAsync($"{environments[i].Path}/open/{ids[i]}?property=who").JsonAsync();
            Assert.Equal($"e{i}", (string)value["value"]!);
        }
    }
}
