using Coffer.Providers.Http;
using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Azure;

/// <summary><c>azure-secrets</c> reading Key Vault over TLS through the challenge, with either login.</summary>
[Collection(AzureCloudCollection.Name)]
public sealed class KeyVaultSecretsTests(AzureCloud cloud)
{
    private static string Federated(string get, string vault = AzureCloud.Vault) => $$"""
        values:
          az:
            fn::open::azure-login:
              clientId: {{AzureCloud.FederatedApp}}
              tenantId: {{AzureCloud.Tenant}}
              oidc: true
          kv:
            fn::open::azure-secrets:
              login: ${az}
              vault: {{vault}}
              get:
        {{get}}
          environmentVariables:
            ARM_OIDC_TOKEN: ${az.oidc.token}
        """;

    private static string WithSecret(string get, string vault = AzureCloud.Vault, string secret = AzureCloud.ClientSecret, string tenant = AzureCloud.Tenant) => $$"""
        values:
          kv:
            fn::open::azure-secrets:
              login:
                clientId: {{AzureCloud.SecretApp}}
                tenantId: {{tenant}}
                clientSecret: {{secret}}
              vault: {{vault}}
              get:
        {{get}}
        """;

    private static string Get(string key, string name, string? version = null) =>
        $"          {key}:\n            name: {name}" + (version is null ? "" : $"\n            version: {version}");

    [Fact]
    public async Task A_federated_login_reads_secrets_through_the_challenge_and_they_come_out_secret()
    {
        cloud.KeyVault.SetSecret(AzureCloud.Vault, "federated-db-password", "hunter2-kv");
        cloud.KeyVault.SetSecret(AzureCloud.Vault, "federated-api-key", "api-key-kv");
        var challenges = cloud.KeyVault.Challenges;

        var result = await Evaluate.OpenAsync(cloud.Providers(), Federated(Get("db", "federated-db-password") + "\n" + Get("api", "federated-api-key")));

        Assert.Empty(result.Diagnostics);
        var kv = result.Value!["kv"]!;
        Assert.Equal("hunter2-kv", kv["db"]!.AsString);
        Assert.True(kv["db"]!.IsSecret);
        Assert.Equal("api-key-kv", kv["api"]!.AsString);
        Assert.True(result.Value["environmentVariables"]!["ARM_OIDC_TOKEN"]!.IsSecret);
        Assert.DoesNotContain("hunter2", result.Value.ToJson(), StringComparison.Ordinal);
        Assert.True(cloud.KeyVault.Challenges > challenges || cloud.Entra.Issued.Any(i => i.Scope == "https://vault.azure.net/.default"));
        Assert.Contains(cloud.Entra.Issued, i => i.Scope == "https://vault.azure.net/.default" && i.Method == "federated" && i.ClientId == AzureCloud.FederatedApp);
    }

    [Fact]
    public async Task A_client_secret_login_reads_a_given_version()
    {
        var old = cloud.KeyVault.SetSecret(AzureCloud.Vault, "rotated", "old-value");
        cloud.KeyVault.SetSecret(AzureCloud.Vault, "rotated", "new-value");

        var result = await Evaluate.OpenAsync(cloud.Providers(), WithSecret(Get("old", "rotated", old) + "\n" + Get("now", "rotated")));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("old-value", result.Value!["kv"]!["old"]!.AsString);
        Assert.Equal("new-value", result.Value["kv"]!["now"]!.AsString);
    }

    [Fact]
    public async Task An_unknown_secret_fails_with_SecretNotFound_naming_the_provider_and_no_credential()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), WithSecret(Get("x", "no-such-secret")));

        var error = Evaluate.SingleError(result);
        Assert.Equal("values.kv", error.Path);
        Assert.Contains("azure-secrets", error.Summary, StringComparison.Ordinal);
        Assert.Contains("SecretNotFound (404)", error.Summary, StringComparison.Ordinal);
        Assert.Contains("\"no-such-secret\"", error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(AzureCloud.ClientSecret, error.Summary, StringComparison.Ordinal);
        Assert.All(cloud.AccessTokens.Issued, t => Assert.DoesNotContain(t, error.Summary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_wrong_client_secret_fails_at_Entra_without_showing_the_secret()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), WithSecret(Get("x", "anything"), secret: "wrong-secret-value-123"));

        var error = Evaluate.SingleError(result);
        Assert.Contains("AADSTS7000215", error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret-value-123", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_without_read_access_gets_Forbidden()
    {
        cloud.KeyVault.AddVault("locked-kv", AzureCloud.Tenant);
        cloud.KeyVault.SetSecret("locked-kv", "db", "x");

        var result = await Evaluate.OpenAsync(cloud.Providers(), WithSecret(Get("x", "db"), vault: "locked-kv"));

        var error = Evaluate.SingleError(result);
        Assert.Contains("Forbidden (403)", error.Summary, StringComparison.Ordinal);
        Assert.Contains(AzureCloud.SecretApp, error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vault_in_another_tenant_than_the_login_is_refused_before_a_token_is_requested()
    {
        cloud.KeyVault.SetSecret(AzureCloud.ForeignVault, "db", "x");
        var issued = cloud.Entra.Issued.Count;

        var result = await Evaluate.OpenAsync(cloud.Providers(), WithSecret(Get("x", "db"), vault: AzureCloud.ForeignVault));

        Assert.Contains($"belongs to tenant \"{AzureCloud.OtherTenant}\"", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
        Assert.Equal(issued, cloud.Entra.Issued.Count);
    }

    [Fact]
    public async Task A_vault_that_does_not_exist_cannot_be_reached()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), WithSecret(Get("x", "db"), vault: "no-such-kv"));

        Assert.Contains("could not be reached", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttled_and_failing_reads_are_retried()
    {
        cloud.KeyVault.SetSecret(AzureCloud.Vault, "flaky", "eventually");
        cloud.KeyVault.Faults.Throttle("flaky", 1);
        cloud.KeyVault.Faults.FailWithServerError("flaky", 1);

        var result = await Evaluate.OpenAsync(cloud.Providers(), WithSecret(Get("x", "flaky")));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("eventually", result.Value!["kv"]!["x"]!.AsString);
        Assert.True(cloud.KeyVault.Faults.Requests("flaky") >= 3);
    }

    [Fact]
    public async Task A_vault_that_does_not_answer_in_time_fails_with_a_timeout()
    {
        cloud.KeyVault.SetSecret(AzureCloud.Vault, "slow", "late");
        cloud.KeyVault.Faults.Delay("slow", TimeSpan.FromSeconds(5));
        var calls = new RemoteCallOptions { AttemptTimeout = TimeSpan.FromMilliseconds(300), TotalTimeout = TimeSpan.FromSeconds(1), MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) };
        var started = DateTime.UtcNow;

        var result = await Evaluate.OpenAsync(cloud.Providers(calls: calls), WithSecret(Get("x", "slow")));

        var error = Evaluate.SingleError(result);
        Assert.StartsWith("azure-secrets: Key Vault get secret \"slow\" in vault \"payments-kv\" failed:", error.Summary, StringComparison.Ordinal);
        Assert.Contains("timed out", error.Summary, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Many_secrets_are_read_concurrently_and_each_lands_under_its_key()
    {
        var names = Enumerable.Range(0, 12).Select(i => $"many-{i}").ToList();
        foreach (var name in names)
        {
            cloud.KeyVault.SetSecret(AzureCloud.Vault, name, "value-of-" + name);
        }

        var result = await Evaluate.OpenAsync(cloud.Providers(), WithSecret(string.Join("\n", names.Select(n => Get(n.Replace("-", "_", StringComparison.Ordinal), n)))));

        Assert.Empty(result.Diagnostics);
        Assert.All(names, n => Assert.Equal("value-of-" + n, result.Value!["kv"]![n.Replace("-", "_", StringComparison.Ordinal)]!.AsString));
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_vaults_certificate_sends_nothing()
    {
        cloud.KeyVault.SetSecret(AzureCloud.Vault, "tls-checked", "x");
        // The same routing to the emulator, but the platform's trust store, as in production.
        using var untrusting = new HttpClient(new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                var vaultHost = context.DnsEndPoint.Host.EndsWith(".vault.azure.net", StringComparison.Ordinal);
                await socket.ConnectAsync(vaultHost ? new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, cloud.KeyVault.Address.Port) : context.DnsEndPoint, ct);
                return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
            },
        });

        var result = await Evaluate.OpenAsync(cloud.Providers(http: untrusting), WithSecret(Get("x", "tls-checked")));

        Assert.Equal("azure-secrets: Key Vault get secret \"tls-checked\" in vault \"payments-kv\" failed: the service could not be reached", Evaluate.SingleError(result).Summary);
        Assert.Equal(0, cloud.KeyVault.Faults.Requests("tls-checked"));
    }

    [Theory]
    [InlineData("vault: \"evil.example.com/x\"")]
    [InlineData("vault: a")]
    public async Task A_vault_name_that_is_not_one_is_refused_by_the_schema(string vault)
    {
        var yaml = WithSecret(Get("x", "db")).Replace($"vault: {AzureCloud.Vault}", vault, StringComparison.Ordinal);

        var result = await Evaluate.OpenAsync(cloud.Providers(), yaml);

        Assert.Contains(result.Diagnostics, d => d.IsError && d.Path!.StartsWith("values.kv", StringComparison.Ordinal));
    }
}
