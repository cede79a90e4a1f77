using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Azure;

/// <summary><c>azure-login</c>: static pass-through, and the federated exchange Entra ID checks.</summary>
[Collection(AzureCloudCollection.Name)]
public sealed class AzureLoginTests(AzureCloud cloud)
{
    private static string Oidc(string clientId = AzureCloud.FederatedApp, string tenant = AzureCloud.Tenant) => $$"""
        values:
          az:
            fn::open::azure-login:
              clientId: {{clientId}}
              tenantId: {{tenant}}
              subscriptionId: sub-0001
              oidc: true
        """;

    [Fact]
    public async Task Static_login_passes_the_client_secret_through_as_a_secret_without_calling_Entra()
    {
        var issued = cloud.Entra.Issued.Count;

        var result = await Evaluate.OpenAsync(cloud.Providers(), $$"""
            values:
              az:
                fn::open::azure-login:
                  clientId: {{AzureCloud.SecretApp}}
                  tenantId: {{AzureCloud.Tenant}}
                  clientSecret: {{AzureCloud.ClientSecret}}
            """);

        Assert.Empty(result.Diagnostics);
        var login = result.Value!["az"]!;
        Assert.Equal(AzureCloud.SecretApp, login["clientId"]!.AsString);
        Assert.True(login["clientSecret"]!.IsSecret);
        Assert.Equal(AzureCloud.ClientSecret, login["clientSecret"]!.AsString);
        Assert.Null(login["oidc"]);
        Assert.Equal(issued, cloud.Entra.Issued.Count);
    }

    [Fact]
    public async Task Oidc_login_exchanges_a_coffer_token_at_Entra_and_returns_the_token_as_a_secret()
    {
        var tokens = cloud.Tokens();

        var result = await Evaluate.OpenAsync(cloud.Providers(tokens), Oidc());

        Assert.Empty(result.Diagnostics);
        var login = result.Value!["az"]!;
        var token = login["oidc"]!["token"]!;
        Assert.True(token.IsSecret);
        Assert.Equal(Assert.Single(tokens.Minted), token.AsString);
        Assert.Equal("sub-0001", login["subscriptionId"]!.AsString);
        Assert.Equal("azure", Assert.Single(tokens.Requests).AudiencePrefix);
        var exchange = cloud.Entra.Issued.Last(i => i.AssertionSubject == "pulumi:environments:org:acme:env:payments/prod");
        Assert.Equal("federated", exchange.Method);
        Assert.Equal(AzureCloud.FederatedApp, exchange.ClientId);
        Assert.DoesNotContain(token.AsString, result.Value.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_the_federated_credential_does_not_name_is_refused_with_Entras_reason()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), Oidc(), environment: "billing/prod");

        var error = Evaluate.SingleError(result);
        Assert.Contains("azure-login", error.Summary, StringComparison.Ordinal);
        Assert.Contains("AADSTS70021", error.Summary, StringComparison.Ordinal);
        Assert.Contains("pulumi:environments:org:acme:env:billing/prod", error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Trace ID", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var tokens = new TestWorkloadIdentityTokens(cloud.Issuer, AzureCloud.Organization) { Lifetime = TimeSpan.FromMinutes(1), Age = TimeSpan.FromMinutes(5) };

        var result = await Evaluate.OpenAsync(cloud.Providers(tokens), Oidc());

        var error = Evaluate.SingleError(result);
        Assert.Contains("AADSTS700024", error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(Assert.Single(tokens.Minted), error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_signed_with_a_key_missing_from_the_JWKS_is_refused()
    {
        var tokens = new TestWorkloadIdentityTokens(cloud.Issuer, AzureCloud.Organization) { SignWithUnpublishedKey = true };

        var result = await Evaluate.OpenAsync(cloud.Providers(tokens), Oidc());

        Assert.Contains("AADSTS5002738", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_app_the_tenant_does_not_have_is_named_in_the_error()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), Oidc(clientId: "99999999-0000-0000-0000-000000000000"));

        var error = Evaluate.SingleError(result);
        Assert.Contains("AADSTS700016", error.Summary, StringComparison.Ordinal);
        Assert.Contains("client \"99999999-0000-0000-0000-000000000000\"", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Oidc_login_without_a_token_issuer_says_so()
    {
        var providers = CofferProviders.Create(new CofferProviderOptions { AzureEndpoints = new() { Authority = cloud.Entra.Authority } });

        var result = await Evaluate.OpenAsync(providers, Oidc());

        Assert.Contains("needs a Coffer server to issue identity tokens", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("clientSecret: s3cret-value\n      oidc: true")]
    [InlineData("subscriptionId: x")]
    public async Task Exactly_one_of_a_client_secret_and_oidc_is_required(string extra)
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), $$"""
            values:
              az:
                fn::open::azure-login:
                  clientId: {{AzureCloud.SecretApp}}
                  tenantId: {{AzureCloud.Tenant}}
                  {{extra}}
            """);

        var error = Evaluate.SingleError(result);
        Assert.Contains("either \"clientSecret\" or \"oidc: true\"", error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-value", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hostile_tenant_id_is_refused_by_the_schema_before_any_call()
    {
        var issued = cloud.Entra.Issued.Count;

        var result = await Evaluate.OpenAsync(cloud.Providers(), Oidc(tenant: "\"../../evil?x=\""));

        Assert.Contains(result.Diagnostics, d => d.IsError);
        Assert.Equal(issued, cloud.Entra.Issued.Count);
    }
}
