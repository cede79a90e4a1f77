using Coffer.Emulators;
using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Vault;

/// <summary><c>vault-login</c> with <c>jwt</c>: Vault checks Coffer's token against the keys it fetches over HTTP.</summary>
[Collection(VaultServerCollection.Name)]
public sealed class VaultJwtLoginTests(VaultServer vault)
{
    private string Login(string jwt, string extra = "") => $$"""
        values:
          vault:
            fn::open::vault-login:
              address: {{vault.Address}}{{extra}}
              jwt: {{jwt}}
        """;

    [Fact]
    public async Task Login_sends_a_token_for_the_organization_and_returns_the_token_Vault_issued_as_a_secret()
    {
        var tokens = vault.Tokens();

        var result = await Evaluate.OpenAsync(vault.Providers(tokens), Login("{role: payments}"));

        Assert.Empty(result.Diagnostics);
        var login = vault.Vault.JwtLogins.Last(l => l.Subject == "pulumi:environments:org:acme:env:payments/prod");
        Assert.Equal(["acme"], login.Audiences);
        Assert.Equal("", Assert.Single(tokens.Requests).AudiencePrefix);
        var output = result.Value!["vault"]!;
        Assert.Equal(vault.Address, output["address"]!.AsString);
        Assert.False(output["address"]!.IsSecret);
        Assert.Equal(login.Token.Value, output["token"]!.AsString);
        Assert.True(output["token"]!.IsSecret);
        Assert.Null(output["namespace"]);
        Assert.Equal(["default", VaultServer.PaymentsPolicy], login.Token.Policies);
        Assert.Equal(TimeSpan.FromMinutes(20), login.Token.Ttl);
    }

    [Fact]
    public async Task A_mount_and_a_namespace_are_where_the_login_goes()
    {
        vault.Vault.EnableJwtAuth("coffer/prod", vault.Issuer.Issuer, vault.Issuer.Issuer, ns: "team-a");
        vault.Vault.AddJwtRole("coffer/prod", "reader", new VaultEmulator.JwtRole(["acme"], BoundSubject: "pulumi:environments:org:acme:env:payments/prod"), ns: "team-a");

        var result = await Evaluate.OpenAsync(vault.Providers(), Login("{role: reader, mount: coffer/prod}", "\n      namespace: team-a"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("team-a", result.Value!["vault"]!["namespace"]!.AsString);
        Assert.Equal(1, vault.Vault.Requests("team-a/auth/coffer/prod/login"));
        Assert.Equal("team-a", vault.Vault.JwtLogins.Last().Token.Namespace);
    }

    [Fact]
    public async Task Subject_attributes_shape_the_subject_a_role_binds()
    {
        vault.Vault.AddJwtRole("jwt", "alice-only", new VaultEmulator.JwtRole(
            ["acme"], BoundSubject: "pulumi:environments:pulumi.organization.login:acme:rootEnvironment.name:payments/prod:pulumi.user.login:alice"));

        var result = await Evaluate.OpenAsync(vault.Providers(), Login("{role: alice-only, subjectAttributes: [rootEnvironment.name, pulumi.user.login]}"));

        Assert.Empty(result.Diagnostics);
    }

    [Theory]
    [InlineData("other-org", "error validating token: invalid audience (aud) claim: audience claim does not match any expected audience")]
    [InlineData("billing-only", "error validating claims: claim \"sub\" does not match any associated bound claim values")]
    [InlineData("exact-subject", "error validating token: invalid subject (sub) claim")]
    [InlineData("needs-email", "claim \"email\" not found in token")]
    [InlineData("no-such-role", "role \"no-such-role\" could not be found")]
    public async Task A_role_that_does_not_accept_the_token_is_Vaults_error_at_the_call_without_the_token(string role, string vaultError)
    {
        vault.Vault.AddJwtRole("jwt", "other-org", new VaultEmulator.JwtRole(["other"]));
        vault.Vault.AddJwtRole("jwt", "billing-only", new VaultEmulator.JwtRole(
            ["acme"], BoundClaims: new Dictionary<string, string[]> { ["sub"] = ["pulumi:environments:org:acme:env:billing/*"] }, GlobClaims: true));
        vault.Vault.AddJwtRole("jwt", "exact-subject", new VaultEmulator.JwtRole(["acme"], BoundSubject: "pulumi:environments:org:acme:env:payments/dev"));
        vault.Vault.AddJwtRole("jwt", "needs-email", new VaultEmulator.JwtRole(["acme"], UserClaim: "email"));
        var tokens = vault.Tokens();

        var result = await Evaluate.OpenAsync(vault.Providers(tokens), Login($"{{role: {role}}}"));

        var error = Evaluate.SingleError(result);
        Assert.Equal("values.vault", error.Path);
        Assert.Equal($"vault-login: Vault JWT login of role \"{role}\" at auth/jwt failed: HTTP 400: {vaultError}", error.Summary);
        Assert.DoesNotContain(Assert.Single(tokens.Minted), error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        // Past Vault's 150-second expiration leeway.
        var tokens = new TestWorkloadIdentityTokens(vault.Issuer, VaultServer.Organization) { Lifetime = TimeSpan.FromMinutes(1), Age = TimeSpan.FromMinutes(10) };

        var result = await Evaluate.OpenAsync(vault.Providers(tokens), Login("{role: payments}"));

        Assert.EndsWith("failed: HTTP 400: error validating token: invalid expiration time (exp) claim: token is expired", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_signed_by_a_key_the_issuer_no_longer_publishes_is_refused()
    {
        var tokens = new TestWorkloadIdentityTokens(vault.Issuer, VaultServer.Organization) { SignWithUnpublishedKey = true };

        var result = await Evaluate.OpenAsync(vault.Providers(tokens), Login("{role: payments}"));

        Assert.EndsWith("failed: HTTP 400: error validating token: failed to verify id token signature", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused()
    {
        await using var otherIssuer = await TestOidcIssuer.StartAsync();
        var tokens = new TestWorkloadIdentityTokens(otherIssuer, VaultServer.Organization);

        var result = await Evaluate.OpenAsync(vault.Providers(tokens), Login("{role: payments}"));

        // Vault only knows the configured issuer's keys, so the signature is what fails first.
        Assert.Contains("failed: HTTP 400: error validating", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_keys_are_fetched_from_the_issuer_over_http()
    {
        var before = vault.Issuer.JwksFetches;

        var result = await Evaluate.OpenAsync(vault.Providers(), Login("{role: payments}"));

        Assert.Empty(result.Diagnostics);
        Assert.True(vault.Issuer.JwksFetches > before);
    }

    [Fact]
    public async Task Without_an_issuer_the_host_says_jwt_login_needs_a_server()
    {
        var providers = CofferProviders.Create();

        var result = await Evaluate.OpenAsync(providers, Login("{role: payments}"));

        Assert.StartsWith("vault-login: JWT login needs a Coffer server", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }
}
