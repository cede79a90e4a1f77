using System.Text.Json;

namespace Coffer.Server.Tests.Oidc;

/// <summary>
/// The whole path through the REST API: an environment logs in to Vault with a token from the
/// server's issuer (Vault checks it against the JWKS it fetches from the running server) and reads
/// a KV v2 secret with the Vault token it got.
/// </summary>
public sealed class VaultLoginEndToEndTests(VaultTrustingCoffer vault) : IClassFixture<VaultTrustingCoffer>
{
    private string Login(string role) => $$"""
        values:
          vault:
            fn::open::vault-login:
              address: {{vault.Vault.Address}}
              jwt:
                role: {{role}}
        """;

    private const string Secrets = """
        imports:
          - payments/vault-creds
        values:
          kv:
            fn::open::vault-secrets:
              login: ${vault}
              read:
                db:
                  path: secret/data/payments/db
                  field: data
          environmentVariables:
            VAULT_TOKEN: ${vault.token}
            DB_PASSWORD: ${kv.db.password}
        """;

    private LoopbackCofferServer Server => vault.Server;

    [Fact]
    public async Task Opening_logs_in_with_a_coffer_token_and_reads_the_secret_with_the_token_Vault_issued()
    {
        await Server.CreateEnvironmentAsync("payments", "vault-creds", Login(VaultTrustingCoffer.PaymentsRole));
        await Server.CreateEnvironmentAsync("payments", "vault-prod", Secrets);

        var (opened, session) = await Server.OpenAsync("payments", "vault-prod");

        Assert.True(opened, session.GetRawText());
        Assert.Equal(Server.BaseAddress + "oidc", vault.Issuer);
        var login = vault.Vault.JwtLogins.Last(l => l.Subject == "pulumi:environments:org:acme:env:payments/vault-creds");
        Assert.Equal(["acme"], login.Audiences);
        Assert.Equal(TimeSpan.FromMinutes(15), login.Token.Ttl);
        var output = Value(session, "vault");
        AssertValue(output, "address", vault.Vault.Address, secret: false);
        AssertValue(output, "token", login.Token.Value, secret: true);
        var variables = Value(session, "environmentVariables");
        AssertValue(variables, "VAULT_TOKEN", login.Token.Value, secret: true);
        AssertValue(variables, "DB_PASSWORD", VaultTrustingCoffer.DatabasePassword, secret: true);
    }

    [Theory]
    [InlineData("vault-wrong-audience", VaultTrustingCoffer.OtherAudienceRole, "invalid audience (aud) claim")]
    [InlineData("vault-wrong-subject", VaultTrustingCoffer.BillingRole, "claim \\u0022sub\\u0022 does not match any associated bound claim values")]
    public async Task A_role_that_does_not_trust_the_token_gives_a_diagnostic_without_token_or_secrets(string name, string role, string reason)
    {
        await Server.CreateEnvironmentAsync("payments", name, Login(role));

        var (opened, error) = await Server.OpenAsync("payments", name);

        Assert.False(opened);
        var text = error.GetRawText();
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Contains($"vault-login: Vault JWT login of role \\u0022{role}\\u0022 at auth/jwt failed: HTTP 400: error validating ", text, StringComparison.Ordinal);
        Assert.Contains(reason, text, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(VaultTrustingCoffer.DatabasePassword, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_the_token_may_not_read_is_permission_denied_at_the_secrets_call()
    {
        await Server.CreateEnvironmentAsync("payments", "vault-login-for-denied", Login(VaultTrustingCoffer.PaymentsRole));
        await Server.CreateEnvironmentAsync("payments", "vault-denied", """
            imports: [payments/vault-login-for-denied]
            values:
              kv:
                fn::open::vault-secrets:
                  login: ${vault}
                  read: {other: {path: secret/data/billing/db}}
            """);

        var (opened, error) = await Server.OpenAsync("payments", "vault-denied");

        Assert.False(opened);
        var text = error.GetRawText();
        Assert.Contains("vault-secrets: Vault read of \\u0022secret/data/billing/db\\u0022 failed: HTTP 403: permission denied", text, StringComparison.Ordinal);
        Assert.DoesNotContain(vault.Vault.JwtLogins.Last().Token.Value, text, StringComparison.Ordinal);
    }

    /// <summary>
    /// One open fetches each provider result once, however many ways the definition reaches it:
    /// here the same login and read arrive through two imports and are interpolated twice.
    /// </summary>
    [Fact]
    public async Task Each_provider_call_of_one_open_is_fetched_once_through_two_imports_and_two_interpolations()
    {
        vault.Vault.PutSecret("secret", "payments/once", new Dictionary<string, object> { ["value"] = "fetched-once" });
        await Server.CreateEnvironmentAsync("payments", "vault-shared", Login(VaultTrustingCoffer.PaymentsRole) + """

              kv:
                fn::open::vault-secrets:
                  login: ${vault}
                  read: {once: {path: secret/data/payments/once, field: data}}
            """);
        await Server.CreateEnvironmentAsync("payments", "vault-left", "imports: [payments/vault-shared]\nvalues:\n  left: ${kv.once.value}\n");
        await Server.CreateEnvironmentAsync("payments", "vault-right", "imports: [payments/vault-shared]\nvalues:\n  right: ${kv.once.value}\n");
        await Server.CreateEnvironmentAsync("payments", "vault-both", """
            imports: [payments/vault-left, payments/vault-right]
            values:
              first: ${kv.once.value}
              second: "${kv.once.value}/${left}/${right}"
            """);
        var logins = vault.Vault.Requests("auth/jwt/login");
        var reads = vault.Vault.Requests("secret/data/payments/once");

        var (opened, session) = await Server.OpenAsync("payments", "vault-both");

        Assert.True(opened, session.GetRawText());
        AssertValue(session, "second", "fetched-once/fetched-once/fetched-once", secret: true, top: true);
        Assert.Equal(logins + 1, vault.Vault.Requests("auth/jwt/login"));
        Assert.Equal(reads + 1, vault.Vault.Requests("secret/data/payments/once"));
    }

    [Fact]
    public async Task No_log_holds_a_vault_token_or_a_secret()
    {
        await Server.CreateEnvironmentAsync("payments", "vault-logged", Login(VaultTrustingCoffer.PaymentsRole));

        var (opened, _) = await Server.OpenAsync("payments", "vault-logged");

        Assert.True(opened);
        var login = vault.Vault.JwtLogins.Last(l => l.Subject.EndsWith("payments/vault-logged", StringComparison.Ordinal));
        Assert.Contains(vault.Logs.Messages, m => m.Contains("Issued OIDC token", StringComparison.Ordinal) && m.Contains("vault-login", StringComparison.Ordinal));
        Assert.DoesNotContain(vault.Logs.Messages, m => m.Contains("eyJ", StringComparison.Ordinal)
            || m.Contains(login.Token.Value, StringComparison.Ordinal)
            || m.Contains(VaultTrustingCoffer.DatabasePassword, StringComparison.Ordinal));
    }

    private static JsonElement Value(JsonElement session, string name) =>
        (session.TryGetProperty("properties", out var properties) ? properties : session.GetProperty("value")).GetProperty(name);

    private static void AssertValue(JsonElement container, string name, string expected, bool secret, bool top = false)
    {
        var value = top
            ? (container.TryGetProperty("properties", out var properties) ? properties : container.GetProperty("value")).GetProperty(name)
            : container.GetProperty("value").GetProperty(name);
        Assert.Equal(expected, value.GetProperty("value").GetString());
        Assert.Equal(secret, value.TryGetProperty("secret", out var flag) && flag.GetBoolean());
    }
}
