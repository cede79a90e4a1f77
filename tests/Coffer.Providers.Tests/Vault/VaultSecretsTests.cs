using Coffer.Language.Values;
using Coffer.Providers.Http;
using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Vault;

/// <summary><c>vault-secrets</c> reading KV v1 and v2 mounts of the emulated Vault.</summary>
[Collection(VaultServerCollection.Name)]
public sealed class VaultSecretsTests(VaultServer vault)
{
    private string Read(string token, string reads, string ns = "") => $$$"""
        values:
          kv:
            fn::open::vault-secrets:
              login:
                address: {{{vault.Address}}}
                token: {fn::secret: "{{{token}}}"}{{{(ns.Length == 0 ? "" : "\n        namespace: " + ns)}}}
              read:
        {{{reads}}}
        """;

    private static string Entry(string key, string path, string? field = null) =>
        $"        {key}:\n          path: {path}" + (field is null ? "" : $"\n          field: {field}");

    [Fact]
    public async Task A_kv_v2_read_is_data_and_metadata_and_field_data_gives_the_fields_all_secret()
    {
        vault.Vault.PutSecret("secret", "payments/versioned", new Dictionary<string, object> { ["key"] = "old" });
        vault.Vault.PutSecret("secret", "payments/versioned", new Dictionary<string, object> { ["key"] = "api-key-2", ["port"] = 8443 });

        var result = await Evaluate.OpenAsync(vault.Providers(), Read(vault.PaymentsToken(), Entry("whole", "secret/data/payments/versioned") + "\n" + Entry("api", "secret/data/payments/versioned", "data")));

        Assert.Empty(result.Diagnostics);
        var kv = result.Value!["kv"]!;
        Assert.Equal("api-key-2", kv["whole"]!["data"]!["key"]!.AsString);
        Assert.Equal("2", kv["whole"]!["metadata"]!["version"]!.AsNumberText);
        Assert.Equal("api-key-2", kv["api"]!["key"]!.AsString);
        Assert.Equal("8443", kv["api"]!["port"]!.AsNumberText);
        AssertSecretThroughout(kv);
        Assert.DoesNotContain("api-key-2", kv.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kv_v1_read_is_the_fields_and_field_picks_one()
    {
        vault.Vault.PutSecret("kv", "payments/db", new Dictionary<string, object> { ["username"] = "app", ["password"] = "correct-horse" });

        var result = await Evaluate.OpenAsync(vault.Providers(), Read(vault.PaymentsToken(), Entry("db", "kv/payments/db") + "\n" + Entry("password", "kv/payments/db", "password")));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("app", result.Value!["kv"]!["db"]!["username"]!.AsString);
        var password = result.Value["kv"]!["password"]!;
        Assert.Equal("correct-horse", password.AsString);
        Assert.True(password.IsSecret);
    }

    [Fact]
    public async Task A_login_feeds_the_reads_in_one_environment()
    {
        vault.Vault.PutSecret("secret", "payments/chained", new Dictionary<string, object> { ["token"] = "chained-value" });

        var result = await Evaluate.OpenAsync(vault.Providers(), $$$"""
            values:
              vault:
                fn::open::vault-login: {address: {{{vault.Address}}}, jwt: {role: payments}}
              kv:
                fn::open::vault-secrets:
                  login: ${vault}
                  read: {app: {path: secret/data/payments/chained, field: data}}
              environmentVariables:
                APP_TOKEN: ${kv.app.token}
            """);

        Assert.Empty(result.Diagnostics);
        var variable = result.Value!["environmentVariables"]!["APP_TOKEN"]!;
        Assert.Equal("chained-value", variable.AsString);
        Assert.True(variable.IsSecret);
    }

    [Theory]
    [InlineData("secret/data/billing/api", "HTTP 403: permission denied")]
    [InlineData("secret/data/payments/forbidden", "HTTP 403: permission denied")]
    [InlineData("secret/data/payments/missing", "HTTP 404 (nothing at this path)")]
    public async Task A_path_the_token_may_not_read_or_that_holds_nothing_is_Vaults_error_naming_the_path(string path, string reason)
    {
        var token = vault.PaymentsToken();
        vault.Vault.PutSecret("secret", "billing/api", new Dictionary<string, object> { ["key"] = "billing-secret" });
        vault.Vault.PutSecret("secret", "payments/forbidden", new Dictionary<string, object> { ["key"] = "forbidden-secret" });

        var result = await Evaluate.OpenAsync(vault.Providers(), Read(token, Entry("x", path)));

        var error = Evaluate.SingleError(result);
        Assert.Equal("values.kv", error.Path);
        Assert.Equal($"vault-secrets: Vault read of \"{path}\" failed: {reason}", error.Summary);
        Assert.DoesNotContain(token, error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kv_v2_path_without_data_is_404_as_Vault_answers_it()
    {
        vault.Vault.PutSecret("secret", "payments/v2only", new Dictionary<string, object> { ["key"] = "v" });

        var result = await Evaluate.OpenAsync(vault.Providers(), Read(vault.Vault.RootToken, Entry("x", "secret/payments/v2only")));

        Assert.Equal("vault-secrets: Vault read of \"secret/payments/v2only\" failed: HTTP 404 (nothing at this path)", Evaluate.SingleError(result).Summary);
    }

    [Fact]
    public async Task An_expired_or_unknown_token_is_permission_denied()
    {
        vault.Vault.PutSecret("kv", "payments/expiring", new Dictionary<string, object> { ["a"] = "b" });
        var expired = vault.PaymentsToken(TimeSpan.FromSeconds(-1));

        var result = await Evaluate.OpenAsync(vault.Providers(), Read(expired, Entry("a", "kv/payments/expiring")));
        var unknown = await Evaluate.OpenAsync(vault.Providers(), Read("hvs.unknown-token-value", Entry("a", "kv/payments/expiring")));

        Assert.EndsWith("HTTP 403: permission denied", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
        Assert.EndsWith("HTTP 403: permission denied", Evaluate.SingleError(unknown).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_of_another_namespace_is_permission_denied_and_the_namespace_is_sent()
    {
        vault.Vault.EnableKv("secret", 2, ns: "team-b");
        vault.Vault.AddPolicy("reader", new Dictionary<string, string[]> { ["secret/data/*"] = ["read"] }, ns: "team-b");
        vault.Vault.PutSecret("secret", "app", new Dictionary<string, object> { ["k"] = "team-b-value" }, ns: "team-b");
        var teamToken = vault.Vault.CreateToken(["reader"], TimeSpan.FromHours(1), ns: "team-b");

        var ok = await Evaluate.OpenAsync(vault.Providers(), Read(teamToken, Entry("app", "secret/data/app", "data"), ns: "team-b"));
        var rootToken = await Evaluate.OpenAsync(vault.Providers(), Read(vault.PaymentsToken(), Entry("app", "secret/data/app", "data"), ns: "team-b"));

        Assert.Empty(ok.Diagnostics);
        Assert.Equal("team-b-value", ok.Value!["kv"]!["app"]!["k"]!.AsString);
        Assert.EndsWith("HTTP 403: permission denied", Evaluate.SingleError(rootToken).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_field_is_an_error_naming_it()
    {
        vault.Vault.PutSecret("kv", "payments/fields", new Dictionary<string, object> { ["a"] = "b" });

        var result = await Evaluate.OpenAsync(vault.Providers(), Read(vault.PaymentsToken(), Entry("x", "kv/payments/fields", "nope")));

        Assert.Equal("vault-secrets: Vault read of \"kv/payments/fields\" failed: the data has no field \"nope\"", Evaluate.SingleError(result).Summary);
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried()
    {
        vault.Vault.PutSecret("kv", "payments/flaky", new Dictionary<string, object> { ["a"] = "steady" });
        vault.Vault.Faults.Throttle("kv/payments/flaky", 1);
        vault.Vault.Faults.FailWithServerError("kv/payments/flaky", 1);

        var result = await Evaluate.OpenAsync(vault.Providers(), Read(vault.PaymentsToken(), Entry("x", "kv/payments/flaky", "a")));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("steady", result.Value!["kv"]!["x"]!.AsString);
        Assert.Equal(3, vault.Vault.Requests("kv/payments/flaky"));
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_last_error_is_reported()
    {
        vault.Vault.PutSecret("kv", "payments/down", new Dictionary<string, object> { ["a"] = "b" });
        vault.Vault.Faults.FailWithServerError("kv/payments/down", 10);
        var calls = new RemoteCallOptions { MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(5), AttemptTimeout = TimeSpan.FromSeconds(5), TotalTimeout = TimeSpan.FromSeconds(10) };

        var result = await Evaluate.OpenAsync(vault.Providers(calls: calls), Read(vault.PaymentsToken(), Entry("x", "kv/payments/down")));

        Assert.Equal("vault-secrets: Vault read of \"kv/payments/down\" failed: HTTP 500: internal error", Evaluate.SingleError(result).Summary);
        Assert.Equal(3, vault.Vault.Requests("kv/payments/down"));
    }

    [Fact]
    public async Task A_slow_Vault_times_out_with_a_message()
    {
        vault.Vault.PutSecret("kv", "payments/slow", new Dictionary<string, object> { ["a"] = "b" });
        vault.Vault.Faults.Delay("kv/payments/slow", TimeSpan.FromSeconds(2));
        var calls = new RemoteCallOptions { MaxRetries = 0, AttemptTimeout = TimeSpan.FromMilliseconds(200), TotalTimeout = TimeSpan.FromSeconds(1) };

        var result = await Evaluate.OpenAsync(vault.Providers(calls: calls), Read(vault.PaymentsToken(), Entry("x", "kv/payments/slow")));

        Assert.Equal("vault-secrets: Vault read of \"kv/payments/slow\" failed: timed out: no answer within 200 ms", Evaluate.SingleError(result).Summary);
    }

    [Fact]
    public async Task An_oversized_answer_is_a_failure_not_an_allocation()
    {
        vault.Vault.PutSecret("kv", "payments/huge", new Dictionary<string, object> { ["blob"] = new string('x', 64 * 1024) });
        var calls = new RemoteCallOptions { MaxResponseBytes = 16 * 1024 };

        var result = await Evaluate.OpenAsync(vault.Providers(calls: calls), Read(vault.PaymentsToken(), Entry("x", "kv/payments/huge")));

        Assert.Contains("larger than 16384 bytes", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Many_reads_of_one_call_are_each_fetched_once_concurrently()
    {
        var reads = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            vault.Vault.PutSecret("kv", $"payments/many-{i}", new Dictionary<string, object> { ["v"] = $"value-{i}" });
            reads.Add(Entry($"k{i}", $"kv/payments/many-{i}", "v"));
        }

        var result = await Evaluate.OpenAsync(vault.Providers(), Read(vault.PaymentsToken(), string.Join("\n", reads)));

        Assert.Empty(result.Diagnostics);
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal($"value-{i}", result.Value!["kv"]![$"k{i}"]!.AsString);
            Assert.Equal(1, vault.Vault.Requests($"kv/payments/many-{i}"));
        }
    }

    [Fact]
    public async Task The_same_call_reached_through_two_interpolations_is_fetched_once()
    {
        vault.Vault.PutSecret("kv", "payments/shared", new Dictionary<string, object> { ["v"] = "shared-value" });
        var yaml = Read(vault.PaymentsToken(), Entry("x", "kv/payments/shared", "v")) + """

              first: ${kv.x}
              second: ${kv.x}
              both: "${kv.x}-${kv.x}"
            """;

        var result = await Evaluate.OpenAsync(vault.Providers(), yaml);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("shared-value-shared-value", result.Value!["both"]!.AsString);
        Assert.Equal(1, vault.Vault.Requests("kv/payments/shared"));
    }

    private static void AssertSecretThroughout(EscValue value)
    {
        Assert.True(value.IsSecret || value.Kind == EscValueKind.Object, value.ToJson(reveal: true));
        foreach (var child in value.Properties.Values.Concat(value.Items))
        {
            Assert.True(child.IsSecret);
            AssertSecretThroughout(child);
        }
    }
}
