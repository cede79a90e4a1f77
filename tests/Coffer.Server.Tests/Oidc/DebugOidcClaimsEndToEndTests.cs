using System.Text.Json;

namespace Coffer.Server.Tests.Oidc;

/// <summary><c>debug-oidc-claims</c> through the REST API shows exactly the claims a login's token carries.</summary>
public sealed class DebugOidcClaimsEndToEndTests(VaultTrustingCoffer vault) : IClassFixture<VaultTrustingCoffer>
{
    [Fact]
    public async Task The_preview_shows_the_subject_and_audience_Vault_then_receives()
    {
        await vault.Server.CreateEnvironmentAsync("payments", "claims", $$"""
            values:
              claims:
                fn::open::debug-oidc-claims:
                  audiencePrefix: ""
              vault:
                fn::open::vault-login:
                  address: {{vault.Vault.Address}}
                  jwt:
                    role: {{VaultTrustingCoffer.PaymentsRole}}
            """);

        var (opened, session) = await vault.Server.OpenAsync("payments", "claims");

        Assert.True(opened, session.GetRawText());
        var login = vault.Vault.JwtLogins.Last(l => l.Subject.EndsWith("payments/claims", StringComparison.Ordinal));
        var claims = session.GetProperty("properties").GetProperty("claims").GetProperty("value");
        Assert.Equal(login.Subject, Text(claims, "sub"));
        Assert.Equal(login.Audiences.Single(), Text(claims, "aud"));
        Assert.Equal(vault.Issuer, Text(claims, "iss"));
        Assert.Equal("admin", Text(claims, "trigger_user"));
        Assert.Equal("payments/claims", Text(claims, "root_env"));
        Assert.False(claims.TryGetProperty("exp", out _));
        Assert.False(claims.TryGetProperty("jti", out _));
    }

    [Fact]
    public async Task Subject_attributes_and_a_prefix_shape_the_preview_and_nothing_is_signed()
    {
        var minted = vault.Logs.Messages.Count(m => m.Contains("Issued OIDC token", StringComparison.Ordinal));

        var response = await vault.Server.Client.PostAsync(
            "api/esc/environments/acme/yaml/open",
            new StringContent("values:\n  claims:\n    fn::open::debug-oidc-claims: {audiencePrefix: aws, subjectAttributes: [rootEnvironment.name, pulumi.user.login]}\n", System.Text.Encoding.UTF8, "application/x-yaml"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();
        var session = JsonDocument.Parse(await vault.Server.Client.GetStringAsync($"api/esc/environments/acme/yaml/open/{id}")).RootElement;

        var claims = session.GetProperty("properties").GetProperty("claims").GetProperty("value");
        Assert.Equal("aws:acme", Text(claims, "aud"));
        Assert.Equal("pulumi:environments:pulumi.organization.login:acme:rootEnvironment.name:<yaml>:pulumi.user.login:admin", Text(claims, "sub"));
        Assert.Equal(minted, vault.Logs.Messages.Count(m => m.Contains("Issued OIDC token", StringComparison.Ordinal)));
    }

    private static string? Text(JsonElement claims, string name) => claims.GetProperty(name).GetProperty("value").GetString();
}
