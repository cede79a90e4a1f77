using Coffer.Emulators;
using Coffer.Language.Hosting;
using Coffer.Providers.Azure;
using Coffer.Providers.Gcp;
using Coffer.Providers.Http;
using Coffer.Providers.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Coffer.Providers.Tests.Gcp;

/// <summary>
/// Google and Entra endpoints that answer badly — not JSON, no token, a payload that is not base64,
/// an answer too large, an error that echoes the credential — give clear messages that hold no secret.
/// </summary>
public sealed class MalformedAnswersTests : IAsyncLifetime
{
    private const string Secret = "client-secret-that-must-not-leak";
    private LoopbackServer _server = null!;
    private string _answer = "";
    private int _status = 200;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync(app =>
    {
        app.MapPost("/v1/token", () => Results.Content(_answer, "application/json", statusCode: _status));
        app.MapGet("/v1/projects/{project}/secrets/{secret}/versions/{version}", () => Results.Content(_answer, "application/json", statusCode: _status));
        app.MapPost("/{tenant}/oauth2/v2.0/token", () => Results.Content(_answer, "application/json", statusCode: _status));
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private ProviderRegistry Providers(int maxResponseBytes = 4 * 1024 * 1024) => CofferProviders.Create(new CofferProviderOptions
    {
        IdentityTokens = new FixedToken(),
        GcpEndpoints = new GcpEndpoints { Sts = _server.BaseAddress, IamCredentials = _server.BaseAddress, SecretManager = _server.BaseAddress },
        AzureEndpoints = new AzureEndpoints { Authority = _server.BaseAddress },
        RemoteCalls = new RemoteCallOptions { MaxRetries = 0, MaxResponseBytes = maxResponseBytes },
    });

    private const string GcpLogin = """
        values:
          gcp:
            fn::open::gcp-login:
              project: 123456789012
              oidc: {workloadPoolId: coffer-pool, providerId: coffer-oidc, serviceAccount: reader@p.iam.gserviceaccount.com}
        """;

    private const string GcpSecret = """
        values:
          gsm:
            fn::open::gcp-secrets:
              login: {project: 123456789012, accessToken: ya29.token-that-must-not-leak, tokenType: Bearer}
              access: {x: {name: db}}
        """;

    private const string AzureLogin = """
        values:
          az:
            fn::open::azure-login: {clientId: app, tenantId: tenant, oidc: true}
        """;

    [Theory]
    [InlineData(200, "<html>hello</html>", "the answer is not a JSON object")]
    [InlineData(200, "[1, 2]", "the answer is not a JSON object")]
    [InlineData(200, "{\"token_type\": \"Bearer\"}", "the answer holds no access token")]
    [InlineData(502, "<html>Bad Gateway</html>", "failed: HTTP 502")]
    [InlineData(400, "{\"error\": 7}", "failed: HTTP 400")]
    public async Task A_bad_STS_answer_is_a_clear_error(int status, string answer, string expected)
    {
        (_status, _answer) = (status, answer);

        var result = await Evaluate.OpenAsync(Providers(), GcpLogin);

        Assert.EndsWith(expected, Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\": \"x\"}", "the answer holds no payload")]
    [InlineData("{\"payload\": {\"data\": \"!!not base64!!\"}}", "the payload is not base64")]
    [InlineData("{\"payload\": {\"data\": \"aGk=\", \"dataCrc32c\": \"not a number\"}}", "does not match its CRC-32C checksum (corrupted in transit)")]
    public async Task A_bad_Secret_Manager_answer_is_a_clear_error(string answer, string expected)
    {
        (_status, _answer) = (200, answer);

        var result = await Evaluate.OpenAsync(Providers(), GcpSecret);

        var error = Evaluate.SingleError(result);
        Assert.EndsWith(expected, error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("token-that-must-not-leak", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_larger_than_the_limit_is_refused_not_read()
    {
        (_status, _answer) = (200, "{\"payload\": {\"data\": \"" + new string('A', 64 * 1024) + "\"}}");

        var result = await Evaluate.OpenAsync(Providers(maxResponseBytes: 16 * 1024), GcpSecret);

        Assert.Contains("larger than 16384 bytes", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_error_that_echoes_the_token_shows_it_blanked()
    {
        (_status, _answer) = (401, "{\"error\": {\"code\": 401, \"status\": \"UNAUTHENTICATED\", \"message\": \"bad token ya29.token-that-must-not-leak\\nsecond line\"}}");

        var result = await Evaluate.OpenAsync(Providers(), GcpSecret);

        var error = Evaluate.SingleError(result);
        Assert.EndsWith("UNAUTHENTICATED (401): bad token [secret] second line", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Entra_error_that_echoes_the_assertion_shows_it_blanked()
    {
        (_status, _answer) = (400, $$"""{"error": "invalid_client", "error_description": "AADSTS50027: JWT token {{FixedToken.Token}} is invalid.\r\nTrace ID: 1"}""");

        var result = await Evaluate.OpenAsync(Providers(), AzureLogin);

        var error = Evaluate.SingleError(result);
        Assert.EndsWith("failed: invalid_client: AADSTS50027: JWT token [secret] is invalid.", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Entra_answer_without_a_token_is_a_clear_error()
    {
        (_status, _answer) = (200, "{\"token_type\": \"Bearer\", \"expires_in\": 3599}");

        var result = await Evaluate.OpenAsync(Providers(), AzureLogin);

        Assert.EndsWith("the answer holds no access token", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    private sealed class FixedToken : Coffer.Providers.Oidc.IWorkloadIdentityTokens
    {
        public const string Token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

        public ValueTask<string> MintAsync(Coffer.Providers.Oidc.WorkloadIdentityRequest request, ProviderContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Token);
    }
}
