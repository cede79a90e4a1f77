using Coffer.Emulators;
using Coffer.Providers.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Coffer.Providers.Tests.Vault;

/// <summary>
/// Answers no real Vault gives but a proxy or an impostor might: the providers fail with a message
/// instead of crashing or returning something half-read.
/// </summary>
[Collection(VaultServerCollection.Name)]
public sealed class VaultMalformedAnswerTests(VaultServer vault)
{
    private static Task<LoopbackServer> AnswerAsync(int status, string body, string contentType = "application/json") =>
        LoopbackServer.StartAsync(app => app.MapMethods("/v1/{**path}", ["GET", "POST"], () => Results.Text(body, contentType, statusCode: status)));

    private static string Read(string address) => $$$"""
        values:
          kv:
            fn::open::vault-secrets:
              login: {address: "{{{address}}}", token: {fn::secret: hvs.a-token-for-the-test}}
              read:
                x: {path: secret/data/x}
        """;

    [Theory]
    [InlineData(200, "<html>welcome</html>", "the answer is not JSON")]
    [InlineData(200, "[1, 2]", "the answer holds no data")]
    [InlineData(200, "{\"data\": \"text\"}", "the answer holds no data")]
    [InlineData(502, "<html>bad gateway</html>", "HTTP 502")]
    [InlineData(403, "{\"errors\": []}", "HTTP 403 (permission denied)")]
    [InlineData(307, "", "HTTP 307 (redirected: name the active node or the load balancer in address)")]
    public async Task A_read_answer_that_is_not_Vaults_is_an_error(int status, string body, string reason)
    {
        await using var server = await AnswerAsync(status, body, body.StartsWith('<') ? "text/html" : "application/json");

        var result = await Evaluate.OpenAsync(vault.Providers(), Read(server.BaseAddress.ToString().TrimEnd('/')));

        Assert.Equal($"vault-secrets: Vault read of \"secret/data/x\" failed: {reason}", Evaluate.SingleError(result).Summary);
    }

    [Theory]
    [InlineData("{\"auth\": null}")]
    [InlineData("{\"auth\": {\"client_token\": \"\"}}")]
    [InlineData("{\"auth\": {\"client_token\": 42}}")]
    public async Task A_login_answer_without_a_client_token_is_an_error(string body)
    {
        await using var server = await AnswerAsync(200, body);

        var result = await Evaluate.OpenAsync(vault.Providers(), $$"""
            values:
              vault:
                fn::open::vault-login:
                  address: {{server.BaseAddress.ToString().TrimEnd('/')}}
                  jwt:
                    role: payments
            """);

        Assert.EndsWith("failed: the answer holds no client token", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_that_echoes_the_token_is_shown_without_it()
    {
        const string token = "hvs.echoed-token-value-123";
        await using var server = await AnswerAsync(400, $$"""{"errors": ["bad token {{token}} given"]}""");

        var result = await Evaluate.OpenAsync(vault.Providers(), Read(server.BaseAddress.ToString().TrimEnd('/')).Replace("hvs.a-token-for-the-test", token, StringComparison.Ordinal));

        Assert.Equal("vault-secrets: Vault read of \"secret/data/x\" failed: HTTP 400: bad token [secret] given", Evaluate.SingleError(result).Summary);
    }

    [Fact]
    public async Task An_oversized_path_is_refused_without_a_request()
    {
        var before = vault.Vault.TotalRequests;

        var result = await Evaluate.OpenAsync(vault.Providers(), Read(vault.Address).Replace("secret/data/x", "secret/data/" + new string('a', 2000), StringComparison.Ordinal));

        Assert.Contains("is not a Vault path", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
        Assert.True(Evaluate.SingleError(result).Summary.Length < 400);
        Assert.Equal(before, vault.Vault.TotalRequests);
    }

    [Fact]
    public async Task Concurrent_opens_each_get_their_own_values()
    {
        for (var i = 0; i < 8; i++)
        {
            vault.Vault.PutSecret("kv", $"payments/concurrent-{i}", new Dictionary<string, object> { ["v"] = $"c-{i}" });
        }
        var token = vault.PaymentsToken();
        var providers = vault.Providers();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Evaluate.OpenAsync(providers, $$$"""
            values:
              kv:
                fn::open::vault-secrets:
                  login: {address: "{{{vault.Address}}}", token: {fn::secret: "{{{token}}}"}}
                  read:
                    x: {path: kv/payments/concurrent-{{{i}}}, field: v}
            """)));

        for (var i = 0; i < 8; i++)
        {
            Assert.Empty(results[i].Diagnostics);
            Assert.Equal($"c-{i}", results[i].Value!["kv"]!["x"]!.AsString);
        }
    }
}
