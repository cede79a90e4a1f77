using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task A_change_made_through_one_replica_is_visible_through_the_other_at_once()
    {
        var replica = (await ReplicaAsync()).Client;
        var environment = await NewEnvironmentAsync(SecretDefinition);

        await replica.PatchAsync(environment.Path, Yaml(await replica.GetAsync($"{environment.Path}/decrypt").TextAsync() + "  from: replica\n")).ShouldBe(HttpStatusCode.OK);

        var read = await Client.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK);
        Assert.Equal("3", read.Header("Pulumi-ESC-Revision"));
        AssertJson("""{"password":"hunter2-plaintext","user":"alice","from":"replica"}""", await OpenValuesAsync(environment));
    }

    [DatabaseFact]
    public async Task A_session_opened_on_one_replica_is_read_on_the_other()
    {
        var replica = (await ReplicaAsync()).Client;
        var environment = await NewEnvironmentAsync(OpenDefinition);
        var id = await OpenAsync(environment);

        var value = await replica.GetAsync($"{environment.Path}/open//{id}?property=password").JsonAsync();

        Assert.Equal("s3cret", (string)value["value"]!);
    }

    [DatabaseFact]
    public async Task Of_writers_on_two_replicas_with_the_same_etag_exactly_one_wins()
    {
        var replica = (await ReplicaAsync()).Client;
        var environment = await NewEnvironmentAsync("values:\n  writer: none\n");
        var etag = (await Client.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK)).Headers.ETag!.ToString();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writes = Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return await (i % 2 == 0 ? Client : replica).PatchAsync(environment.Path, Yaml($"values:\n  writer: w{i}\n"), ("ETag", etag));
        })).ToList();
        start.SetResult();
        var responses = await Task.WhenAll(writes);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Equal(Writers - 1, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal([3, 2, 1], (await Client.GetAsync($"{environment.Path}/versions").JsonAsync()).AsArray().Select(r => (int)r!["number"]!));
    }

    [DatabaseFact]
    public async Task Blind_writers_on_two_replicas_all_succeed_with_consecutive_revisions()
    {
        var replica = (await ReplicaAsync()).Client;
        var environment = await NewEnvironmentAsync();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var writes = Enumerable.Range(0, Writers).Select(i => Task.Run(async () =>
        {
            await start.Task;
            return Revision(await (i % 2 == 0 ? Client : replica).PatchAsync(environment.Path, Yaml($"values:\n  writer: w{i}\n")).ShouldBe(HttpStatusCode.OK));
        })).ToList();
        start.SetResult();

        Assert.Equal(Enumerable.Range(2, Writers), (await Task.WhenAll(writes)).Order());
    }
}
