using System.Net;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task Healthz_answers_without_a_token()
    {
        var body = await Server.Anonymous.GetAsync("healthz").JsonAsync();

        AssertJson("""{"status":"ok"}""", body);
    }

    [DatabaseFact]
    public async Task Readyz_answers_without_a_token_when_the_database_is_reachable()
    {
        var body = await Server.Anonymous.GetAsync("readyz").JsonAsync();

        AssertJson("""{"status":"ready"}""", body);
    }

    [DatabaseFact]
    public async Task The_openapi_document_needs_a_token()
    {
        await Server.Anonymous.GetAsync("openapi/v1.json").ErrorAsync(HttpStatusCode.Unauthorized);
    }

    [DatabaseFact]
    public async Task The_openapi_document_describes_the_esc_paths()
    {
        var document = await Client.GetAsync("openapi/v1.json").JsonAsync();

        var paths = document["paths"]!.Keys();
        Assert.Contains("/api/esc/environments/{org}", paths);
        Assert.Contains("/api/esc/environments/{org}/{project}/{env}", paths);
        Assert.Contains("/api/esc/environments/{org}/{project}/{env}/open/{id}", paths);
        Assert.Contains("/api/esc/environments/{org}/{project}/{env}/versions/tags", paths);
        Assert.Contains("/api/esc/environments/{org}/yaml/check", paths);
        Assert.Contains("/api/user", paths);
    }
}
