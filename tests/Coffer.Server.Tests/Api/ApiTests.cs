using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Coffer.Server.Auth;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

/// <summary>
/// The HTTP API as clients see it, written once and run against each database by a derived class.
/// Tests of a class share one real server (see <see cref="ApiServer"/>), so each test works on
/// projects and environments of its own. Every response is also checked against the error contract
/// (<see cref="ErrorResponseContract"/>): a 500, or an error that is not <c>{code, message}</c>,
/// fails the test that caused it.
/// </summary>
public abstract partial class ApiTests(ApiServerFixture fixture)
{
    protected ApiServer Server => fixture.Server;

    /// <summary>Another server on the same database, as a second replica behind a load balancer.</summary>
    protected Task<ApiServer> ReplicaAsync() => fixture.ReplicaAsync();

    protected HttpClient Client => Server.Client;

    protected string Org => Server.Organization;

    protected static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>Creates an environment in a project of its own (unless given), optionally with a first definition.</summary>
    protected async Task<EnvironmentAddress> NewEnvironmentAsync(string? yaml = null, string? project = null, string? name = null)
    {
        var environment = new EnvironmentAddress(Org, project ?? Unique("proj"), name ?? Unique("env"));
        await Client.PostAsync($"api/esc/environments/{Org}", Json(new { project = environment.Project, name = environment.Name })).ShouldBe(HttpStatusCode.NoContent);
        if (yaml is not null)
        {
            await UpdateAsync(environment, yaml);
        }
        return environment;
    }

    /// <summary>Replaces the definition; returns the new revision number.</summary>
    protected async Task<int> UpdateAsync(EnvironmentAddress environment, string yaml)
    {
        var response = await Client.PatchAsync(environment.Path, Yaml(yaml)).ShouldBe(HttpStatusCode.OK);
        return Revision(response);
    }

    /// <summary>The definition (secrets as ciphertext) at <paramref name="suffix"/> (e.g. <c>/versions/2</c>, <c>/decrypt</c>).</summary>
    protected Task<string> DefinitionAsync(EnvironmentAddress environment, string suffix = "") =>
        Client.GetAsync(environment.Path + suffix).TextAsync();

    /// <summary>Opens the environment (at <paramref name="version"/>); returns the session id.</summary>
    protected async Task<string> OpenAsync(EnvironmentAddress environment, string? version = null, string query = "")
    {
        var path = version is null ? $"{environment.Path}/open{query}" : $"{environment.Path}/versions/{version}/open{query}";
        var opened = await Client.PostAsync(path, null).JsonAsync();
        Assert.Equal(["id"], opened.Keys());
        return (string)opened["id"]!;
    }

    /// <summary>Opens the environment and reads the whole session.</summary>
    protected async Task<JsonNode> OpenAndReadAsync(EnvironmentAddress environment, string? version = null) =>
        await Client.GetAsync($"{environment.Path}/open/{await OpenAsync(environment, version)}").JsonAsync();

    /// <summary>The plain JSON of an evaluated environment's properties (Values unwrapped, as the SDKs present them).</summary>
    protected static JsonNode? Plain(JsonNode? value) => value switch
    {
        JsonObject { } detailed when detailed.ContainsKey("trace") => Plain(detailed["value"]),
        JsonObject map => new JsonObject(map.Select(p => KeyValuePair.Create(p.Key, Plain(p.Value)))),
        JsonArray list => new JsonArray([.. list.Select(Plain)]),
        _ => value?.DeepClone(),
    };

    /// <summary>The plain values an environment opens to.</summary>
    protected async Task<JsonNode?> OpenValuesAsync(EnvironmentAddress environment, string? version = null) =>
        Plain((await OpenAndReadAsync(environment, version))["properties"]);

    protected static int Revision(HttpResponseMessage response) =>
        int.Parse(response.Header("Pulumi-ESC-Revision") ?? throw new InvalidOperationException("no Pulumi-ESC-Revision header"), NumberStyles.None, CultureInfo.InvariantCulture);

    protected static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");

    /// <summary>
    /// A user of an organization of their own, with a token: for tests that need to see exactly
    /// what one organization holds. The API has no endpoints for organizations and users yet, so
    /// they are made in the store, as bootstrapping makes the first ones.
    /// </summary>
    protected async Task<(HttpClient Client, string Organization)> NewOrganizationMemberAsync()
    {
        var store = Server.Services.GetRequiredService<ICofferStore>();
        var now = DateTimeOffset.UtcNow;
        var organization = new Organization(Guid.NewGuid().ToString("N"), Unique("org"), now);
        var user = new User(Guid.NewGuid().ToString("N"), Unique("user"), "Test User", null, now);
        var token = TokenValues.Generate();
        await store.CreateOrganizationAsync(organization, CancellationToken.None);
        await store.CreateUserAsync(user, CancellationToken.None);
        await store.SetMembershipAsync(new Membership(organization.Id, user.Id, "admin"), CancellationToken.None);
        await store.CreateTokenAsync(new AccessToken(Guid.NewGuid().ToString("N"), TokenValues.Hash(token), TokenKind.Personal, user.Id, organization.Id, null, "test", "", now, null, null, null, "test"), CancellationToken.None);
        return (Server.NewClient(token), organization.Name);
    }

    /// <summary>An organization token (it acts as the organization, not as a person) of a new organization.</summary>
    protected async Task<(HttpClient Client, string Organization)> NewOrganizationTokenAsync()
    {
        var store = Server.Services.GetRequiredService<ICofferStore>();
        var now = DateTimeOffset.UtcNow;
        var organization = new Organization(Guid.NewGuid().ToString("N"), Unique("org"), now);
        var token = TokenValues.Generate();
        await store.CreateOrganizationAsync(organization, CancellationToken.None);
        await store.CreateTokenAsync(new AccessToken(Guid.NewGuid().ToString("N"), TokenValues.Hash(token), TokenKind.Organization, null, organization.Id, null, "deploy", "", now, null, null, null, "test"), CancellationToken.None);
        return (Server.NewClient(token), organization.Name);
    }
}

/// <summary>Where an environment lives, and its API path.</summary>
public sealed record EnvironmentAddress(string Organization, string Project, string Name)
{
    public string Path => $"api/esc/environments/{Organization}/{Project}/{Name}";

    /// <summary>How imports name it: <c>project/env</c>.</summary>
    public string Reference => $"{Project}/{Name}";

    public override string ToString() => Reference;
}
