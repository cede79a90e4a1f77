using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Gcp;

/// <summary><c>gcp-login</c>: the STS exchange and service-account impersonation, and static tokens.</summary>
[Collection(GcpCloudCollection.Name)]
public sealed class GcpLoginTests(GcpCloud cloud)
{
    private static string Oidc(string provider = GcpCloud.Provider, string extra = "") => $$"""
        values:
          gcp:
            fn::open::gcp-login:
              project: {{GcpCloud.Project}}
              oidc:
                workloadPoolId: {{GcpCloud.Pool}}
                providerId: {{provider}}
                serviceAccount: {{GcpCloud.ServiceAccount}}{{extra}}
        """;

    [Fact]
    public async Task Oidc_login_exchanges_at_STS_then_impersonates_the_service_account()
    {
        var tokens = cloud.Tokens();

        var result = await Evaluate.OpenAsync(cloud.Providers(tokens), Oidc(extra: "\n        tokenLifetime: 30m"));

        Assert.Empty(result.Diagnostics);
        var login = result.Value!["gcp"]!;
        var accessToken = login["accessToken"]!;
        Assert.True(accessToken.IsSecret);
        var generated = cloud.Iam.Issued.Single(g => g.Token == accessToken.AsString);
        Assert.Equal(GcpCloud.ServiceAccount, generated.ServiceAccount);
        Assert.Equal(1800, generated.LifetimeSeconds);
        var exchange = cloud.Sts.Exchanges.Last(e => e.Principal == generated.Caller);
        Assert.Equal($"//iam.googleapis.com/projects/{GcpCloud.Project}/locations/global/workloadIdentityPools/{GcpCloud.Pool}/providers/{GcpCloud.Provider}", exchange.Audience);
        Assert.Equal("pulumi:environments:org:acme:env:payments/prod", exchange.Subject);
        Assert.Equal("gcp", Assert.Single(tokens.Requests).AudiencePrefix);
        Assert.Equal(GcpCloud.Project.ToString(System.Globalization.CultureInfo.InvariantCulture), login["project"]!.AsNumberText);
        Assert.Equal("Bearer", login["tokenType"]!.AsString);
        Assert.True(DateTimeOffset.Parse(login["expiry"]!.AsString, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddMinutes(25));
        Assert.DoesNotContain(accessToken.AsString, result.Value.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_provider_that_allows_another_audience_refuses_the_token()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), Oidc(provider: GcpCloud.OtherAudienceProvider));

        var error = Evaluate.SingleError(result);
        Assert.Contains("gcp-login: Google STS token exchange", error.Summary, StringComparison.Ordinal);
        Assert.Contains("invalid_grant (400): The audience in ID Token [gcp:acme] does not match", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pool_provider_that_does_not_exist_is_an_invalid_target()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), Oidc(provider: "no-such-provider"));

        Assert.Contains("invalid_target (400)", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_regional_pool_is_addressed_by_its_region()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), Oidc(extra: "\n        region: europe-west1"));

        Assert.Contains("/locations/europe-west1/", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var tokens = new TestWorkloadIdentityTokens(cloud.Issuer, GcpCloud.Organization) { Lifetime = TimeSpan.FromMinutes(1), Age = TimeSpan.FromMinutes(5) };

        var result = await Evaluate.OpenAsync(cloud.Providers(tokens), Oidc());

        var error = Evaluate.SingleError(result);
        Assert.Contains("invalid_grant (400): ID Token expired", error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(Assert.Single(tokens.Minted), error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_signed_with_a_key_missing_from_the_JWKS_is_refused()
    {
        var tokens = new TestWorkloadIdentityTokens(cloud.Issuer, GcpCloud.Organization) { SignWithUnpublishedKey = true };

        var result = await Evaluate.OpenAsync(cloud.Providers(tokens), Oidc());

        Assert.Contains("Invalid JWT signature", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_environment_the_service_account_does_not_trust_cannot_impersonate_it()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), Oidc(), environment: "billing/prod");

        var error = Evaluate.SingleError(result);
        Assert.Contains($"IAM Credentials generateAccessToken for service account \"{GcpCloud.ServiceAccount}\" failed: PERMISSION_DENIED (403)", error.Summary, StringComparison.Ordinal);
        Assert.All(cloud.AccessTokens.Issued, t => Assert.DoesNotContain(t, error.Summary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_lifetime_over_an_hour_is_refused_by_IAM_unless_the_organization_allows_it()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), Oidc(extra: "\n        tokenLifetime: 2h"));

        Assert.Contains("INVALID_ARGUMENT (400)", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_static_access_token_is_passed_through_as_a_secret_without_a_call()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), $$"""
            values:
              gcp:
                fn::open::gcp-login:
                  project: {{GcpCloud.Project}}
                  accessToken:
                    accessToken: {{GcpCloud.UserToken}}
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(GcpCloud.UserToken, result.Value!["gcp"]!["accessToken"]!.AsString);
        Assert.True(result.Value["gcp"]!["accessToken"]!.IsSecret);
        Assert.Null(result.Value["gcp"]!["expiry"]);
    }

    [Fact]
    public async Task A_static_access_token_can_impersonate_a_service_account()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), $$"""
            values:
              gcp:
                fn::open::gcp-login:
                  project: {{GcpCloud.Project}}
                  accessToken:
                    accessToken: {{GcpCloud.UserToken}}
                    serviceAccount: {{GcpCloud.ServiceAccount}}
            """);

        Assert.Empty(result.Diagnostics);
        var token = result.Value!["gcp"]!["accessToken"]!.AsString;
        Assert.Equal("user:alice@example.com", cloud.Iam.Issued.Single(g => g.Token == token).Caller);
    }

    [Fact]
    public async Task A_revoked_or_unknown_static_token_is_unauthenticated_and_not_shown()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), $$"""
            values:
              gcp:
                fn::open::gcp-login:
                  project: {{GcpCloud.Project}}
                  accessToken:
                    accessToken: ya29.not-a-live-token
                    serviceAccount: {{GcpCloud.ServiceAccount}}
            """);

        var error = Evaluate.SingleError(result);
        Assert.Contains("UNAUTHENTICATED (401)", error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("ya29.not-a-live-token", error.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("project: \"123\"")]
    [InlineData("project: -5")]
    [InlineData("project: 1.5")]
    public async Task A_project_that_is_not_a_project_number_is_refused(string project)
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), Oidc().Replace($"project: {GcpCloud.Project}", project, StringComparison.Ordinal));

        Assert.Contains(result.Diagnostics, d => d.IsError && d.Path!.StartsWith("values.gcp", StringComparison.Ordinal));
    }
}
