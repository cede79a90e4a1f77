using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task A_request_without_a_token_is_401()
    {
        var message = await Server.Anonymous.GetAsync($"api/esc/environments/{Org}").ErrorAsync(HttpStatusCode.Unauthorized);

        Assert.Contains("token", message);
    }

    [DatabaseFact]
    public async Task A_malformed_authorization_header_is_401()
    {
        foreach (var authorization in (string[])["Bearer abc", "token", "Basic YWRtaW46YWRtaW4=", "tokenabc", "token  "])
        {
            await Server.Anonymous.SendAsync(HttpMethod.Get, "api/user", null, ("Authorization", authorization)).ErrorAsync(HttpStatusCode.Unauthorized);
        }
    }

    [DatabaseFact]
    public async Task An_unknown_token_is_401()
    {
        await Server.Anonymous.SendAsync(HttpMethod.Get, "api/user", null, ("Authorization", "token cof_thisisnotatokenthisserverhasevermade000000")).ErrorAsync(HttpStatusCode.Unauthorized);
    }

    [DatabaseFact]
    public async Task Writes_without_a_token_are_401_and_change_nothing()
    {
        var environment = await NewEnvironmentAsync("values:\n  a: 1\n");

        await Server.Anonymous.PatchAsync(environment.Path, Yaml("values:\n  a: 2\n")).ErrorAsync(HttpStatusCode.Unauthorized);
        await Server.Anonymous.DeleteAsync(environment.Path).ErrorAsync(HttpStatusCode.Unauthorized);

        Assert.Equal("values:\n  a: 1\n", await DefinitionAsync(environment));
    }

    [DatabaseFact]
    public async Task The_public_health_paths_lead_nowhere_else_without_a_token()
    {
        foreach (var path in (string[])["healthz%2F..%2Fapi%2Fuser", "healthz/..%2Fapi/user", "readyz%2F..%2F..%2Fapi%2Fesc%2Fenvironments", ".well-known/..%2F..%2Fapi/user", "healthzapi/user", "/healthz//api/user"])
        {
            var response = await Server.Anonymous.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest, $"GET {path}: {(int)response.StatusCode}");
        }
    }
}
