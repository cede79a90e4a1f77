using System.Text.Json;

namespace Coffer.Server.Tests.Oidc;

/// <summary>
/// The whole path through the REST API for Azure and Google Cloud: a stored login environment gets
/// a token from the server's issuer, which Entra ID or Google STS checks against the JWKS it fetches
/// from the running server, and an environment importing it reads secrets with what the cloud issued.
/// </summary>
public sealed class AzureAndGcpLoginEndToEndTests(CloudsTrustingCoffer clouds) : IClassFixture<CloudsTrustingCoffer>
{
    private const string AzureLogin = $$"""
        values:
          azure:
            login:
              fn::open::azure-login:
                clientId: {{CloudsTrustingCoffer.App}}
                tenantId: {{CloudsTrustingCoffer.Tenant}}
                oidc: true
        """;

    private const string AzureSecrets = """
        imports:
          - payments/azure-login
        values:
          azure:
            secrets:
              fn::open::azure-secrets:
                login: ${azure.login}
                vault: VAULT
                get:
                  db:
                    name: SECRET
          environmentVariables:
            ARM_OIDC_TOKEN: ${azure.login.oidc.token}
            DB_PASSWORD: ${azure.secrets.db}
        """;

    private const string GcpLogin = $$"""
        values:
          gcp:
            login:
              fn::open::gcp-login:
                project: 123456789012
                oidc:
                  workloadPoolId: coffer-pool
                  providerId: coffer-oidc
                  serviceAccount: {{CloudsTrustingCoffer.ServiceAccount}}
        """;

    private const string GcpSecrets = """
        imports:
          - LOGIN
        values:
          gcp:
            secrets:
              fn::open::gcp-secrets:
                login: ${gcp.login}
                access:
                  db:
                    name: SECRET
          environmentVariables:
            GOOGLE_OAUTH_ACCESS_TOKEN: ${gcp.login.accessToken}
            DB_PASSWORD: ${gcp.secrets.db}
        """;

    private LoopbackCofferServer Server => clouds.Server;

    [Fact]
    public async Task Opening_logs_in_to_Azure_with_a_coffer_token_and_reads_Key_Vault_through_its_challenge()
    {
        await Server.CreateEnvironmentAsync("payments", "azure-login", AzureLogin);
        await Server.CreateEnvironmentAsync("payments", "azure-prod", AzureSecrets.Replace("VAULT", CloudsTrustingCoffer.Vault, StringComparison.Ordinal).Replace("SECRET", "db-password", StringComparison.Ordinal));

        var (opened, session) = await Server.OpenAsync("payments", "azure-prod");

        Assert.True(opened, session.GetRawText());
        var exchanges = clouds.Entra.Issued.Where(i => i.AssertionSubject == "pulumi:environments:org:acme:env:payments/azure-login").ToList();
        Assert.Contains(exchanges, i => i.Scope == "https://vault.azure.net/.default");
        Assert.True(clouds.KeyVault.Challenges > 0);
        var variables = Value(session, "environmentVariables");
        AssertValue(variables, "DB_PASSWORD", CloudsTrustingCoffer.KeyVaultSecret, secret: true);
        Assert.True(variables.GetProperty("value").GetProperty("ARM_OIDC_TOKEN").GetProperty("secret").GetBoolean());
    }

    [Fact]
    public async Task Opening_logs_in_to_Google_Cloud_with_a_coffer_token_and_reads_Secret_Manager()
    {
        await Server.CreateEnvironmentAsync("payments", "gcp-login", GcpLogin);
        await Server.CreateEnvironmentAsync("payments", "gcp-prod", GcpSecrets.Replace("LOGIN", "payments/gcp-login", StringComparison.Ordinal).Replace("SECRET", "db-password", StringComparison.Ordinal));

        var (opened, session) = await Server.OpenAsync("payments", "gcp-prod");

        Assert.True(opened, session.GetRawText());
        var exchange = clouds.GoogleSts.Exchanges.Last(e => e.Subject == "pulumi:environments:org:acme:env:payments/gcp-login");
        Assert.Equal("//iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/coffer-pool/providers/coffer-oidc", exchange.Audience);
        var generated = clouds.Iam.Issued.Last(g => g.Caller == exchange.Principal);
        var variables = Value(session, "environmentVariables");
        AssertValue(variables, "GOOGLE_OAUTH_ACCESS_TOKEN", generated.Token, secret: true);
        AssertValue(variables, "DB_PASSWORD", CloudsTrustingCoffer.SecretManagerSecret, secret: true);
    }

    [Fact]
    public async Task An_environment_the_federated_credential_does_not_name_gets_Entras_reason_without_the_token()
    {
        await Server.CreateEnvironmentAsync("billing", "azure-login", AzureLogin);

        var (opened, error) = await Server.OpenAsync("billing", "azure-login");

        Assert.False(opened);
        var text = error.GetRawText();
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Contains("azure-login: Entra ID token request", text, StringComparison.Ordinal);
        Assert.Contains("AADSTS70021", text, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_account_that_does_not_trust_the_environment_gives_Googles_reason_without_a_token()
    {
        await Server.CreateEnvironmentAsync("billing", "gcp-login", GcpLogin);

        var (opened, error) = await Server.OpenAsync("billing", "gcp-login");

        Assert.False(opened);
        var text = error.GetRawText();
        Assert.Contains("gcp-login: IAM Credentials generateAccessToken", text, StringComparison.Ordinal);
        Assert.Contains("PERMISSION_DENIED (403)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(clouds.AccessTokens.Issued, token => text.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_secret_the_service_account_cannot_read_is_a_diagnostic_naming_gcp_secrets_and_Googles_error()
    {
        await Server.CreateEnvironmentAsync("payments", "gcp-login-missing", GcpLogin);
        await Server.CreateEnvironmentAsync("payments", "gcp-missing", GcpSecrets
            .Replace("LOGIN", "payments/gcp-login-missing", StringComparison.Ordinal).Replace("SECRET", "no-such-secret", StringComparison.Ordinal));

        var (opened, error) = await Server.OpenAsync("payments", "gcp-missing");

        Assert.False(opened);
        var text = error.GetRawText();
        Assert.Contains("gcp-secrets: Secret Manager access for \\u0022projects/123456789012/secrets/no-such-secret/versions/latest\\u0022 failed: PERMISSION_DENIED (403)", text, StringComparison.Ordinal);
        Assert.DoesNotContain(clouds.AccessTokens.Issued, token => text.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_Key_Vault_secret_is_SecretNotFound_and_no_log_holds_a_token_or_a_secret()
    {
        await Server.CreateEnvironmentAsync("payments", "azure-login-2", AzureLogin);
        await Server.CreateEnvironmentAsync("payments", "azure-missing-secret", AzureSecrets.Replace("payments/azure-login", "payments/azure-login-2", StringComparison.Ordinal).Replace("VAULT", CloudsTrustingCoffer.Vault, StringComparison.Ordinal).Replace("SECRET", "no-such-secret", StringComparison.Ordinal));

        var (opened, error) = await Server.OpenAsync("payments", "azure-missing-secret");

        Assert.False(opened);
        var text = error.GetRawText();
        Assert.Contains("azure-secrets: Key Vault get secret \\u0022no-such-secret\\u0022 in vault \\u0022payments-kv\\u0022 failed: SecretNotFound (404)", text, StringComparison.Ordinal);
        Assert.DoesNotContain(clouds.AccessTokens.Issued, token => text.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(clouds.Logs.Messages, m => m.Contains("eyJ", StringComparison.Ordinal)
            || m.Contains(CloudsTrustingCoffer.KeyVaultSecret, StringComparison.Ordinal)
            || clouds.AccessTokens.Issued.Any(t => m.Contains(t, StringComparison.Ordinal)));
    }

    private static JsonElement Value(JsonElement session, string name) =>
        (session.TryGetProperty("properties", out var properties) ? properties : session.GetProperty("value")).GetProperty(name);

    private static void AssertValue(JsonElement container, string name, string expected, bool secret)
    {
        var value = container.GetProperty("value").GetProperty(name);
        Assert.Equal(expected, value.GetProperty("value").GetString());
        Assert.Equal(secret, value.TryGetProperty("secret", out var flag) && flag.GetBoolean());
    }
}
