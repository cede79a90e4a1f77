using System.Net;
using System.Text;
using System.Text.Json;
using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Vault;

/// <summary>
/// The emulated Vault refuses, over plain HTTP, what a real Vault refuses, in Vault's error shape:
/// so the provider tests that pass against it would not pass against a lenient stand-in.
/// </summary>
[Collection(VaultServerCollection.Name)]
public sealed class VaultEmulatorTests(VaultServer vault)
{
    private static readonly HttpClient Http = new();

    private async Task<(HttpStatusCode Status, string[] Errors)> SendAsync(HttpMethod method, string path, string? body = null, string? token = null, string? ns = null)
    {
        using var request = new HttpRequestMessage(method, $"{vault.Address}/v1/{path}");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }
        if (token is not null)
        {
            request.Headers.Add("X-Vault-Token", token);
        }
        if (ns is not null)
        {
            request.Headers.Add("X-Vault-Namespace", ns);
        }
        using var response = await Http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.TryGetProperty("errors", out var list) ? list.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
        return (response.StatusCode, errors);
    }

    [Theory]
    [InlineData("{}", "missing role")]
    [InlineData("{\"role\": \"payments\"}", "missing token")]
    [InlineData("{\"role\": \"payments\", \"jwt\": \"not-a-jwt\"}", "error validating token: invalid JWT")]
    [InlineData("{\"role\": \"nobody\", \"jwt\": \"x\"}", "role \"nobody\" could not be found")]
    [InlineData("[1]", "failed to parse JSON input")]
    public async Task A_malformed_jwt_login_is_400_with_Vaults_error(string body, string error)
    {
        var (status, errors) = await SendAsync(HttpMethod.Post, "auth/jwt/login", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([error], errors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hvs.not-issued")]
    public async Task A_read_without_a_valid_token_is_403_permission_denied(string? token)
    {
        var (status, errors) = await SendAsync(HttpMethod.Get, "secret/data/payments/anything", token: token);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(["permission denied"], errors);
    }

    [Fact]
    public async Task A_root_token_reading_an_unmounted_path_gets_Vaults_route_error()
    {
        var (status, errors) = await SendAsync(HttpMethod.Get, "nowhere/x", token: vault.Vault.RootToken);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(["no handler for route \"nowhere/x\". route entry not found."], errors);
    }

    [Fact]
    public async Task An_unknown_namespace_is_400()
    {
        var (status, errors) = await SendAsync(HttpMethod.Get, "secret/data/x", token: vault.Vault.RootToken, ns: "no-such-team");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["no namespace found at no-such-team"], errors);
    }

    [Fact]
    public async Task A_kv_v2_version_that_does_not_exist_is_404_and_an_older_one_can_be_read()
    {
        vault.Vault.PutSecret("secret", "payments/pinned", new Dictionary<string, object> { ["v"] = "one" });
        vault.Vault.PutSecret("secret", "payments/pinned", new Dictionary<string, object> { ["v"] = "two" });

        var (missing, _) = await SendAsync(HttpMethod.Get, "secret/data/payments/pinned?version=9", token: vault.Vault.RootToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{vault.Address}/v1/secret/data/payments/pinned?version=1");
        request.Headers.Add("X-Vault-Token", vault.Vault.RootToken);
        using var response = await Http.SendAsync(request);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("one", json.RootElement.GetProperty("data").GetProperty("data").GetProperty("v").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("data").GetProperty("metadata").GetProperty("version").GetInt32());
    }
}
