using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task Planned_endpoints_answer_501_with_a_message()
    {
        var environment = await NewEnvironmentAsync();
        (HttpMethod Method, string Path)[] planned =
        [
            (HttpMethod.Post, $"{environment.Path}/drafts"),
            (HttpMethod.Get, $"{environment.Path}/drafts/42"),
            (HttpMethod.Patch, $"{environment.Path}/drafts/42"),
            (HttpMethod.Post, $"{environment.Path}/drafts/42/open"),
            (HttpMethod.Get, $"{environment.Path}/hooks"),
            (HttpMethod.Post, $"{environment.Path}/hooks"),
            (HttpMethod.Post, $"{environment.Path}/hooks/h1/ping"),
            (HttpMethod.Get, $"{environment.Path}/schedules"),
            (HttpMethod.Get, $"{environment.Path}/schedules/s1/history"),
            (HttpMethod.Post, $"{environment.Path}/open/request"),
            (HttpMethod.Post, $"api/change-requests/{Org}/42/submit"),
            (HttpMethod.Post, "api/oauth/token"),
        ];
        foreach (var (method, path) in planned)
        {
            var message = await Client.SendAsync(method, path, Json("{}")).ErrorAsync(HttpStatusCode.NotImplemented);
            Assert.Contains("not available", message);
        }
    }
}
