using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Vault;

/// <summary><c>vault-login</c> with <c>token</c>: a short-lived child of a token the environment holds.</summary>
[Collection(VaultServerCollection.Name)]
public sealed class VaultTokenLoginTests(VaultServer vault)
{
    private string Login(string parent, string extra = "") => $$"""
        values:
          vault:
            fn::open::vault-login:
              address: {{vault.Address}}
              token:
                token: {fn::secret: "{{parent}}"}{{extra}}
        """;

    private string Maker() => vault.Vault.CreateToken([VaultServer.PaymentsPolicy, "child-maker"], TimeSpan.FromHours(8));

    [Fact]
    public async Task The_output_is_a_new_child_token_with_the_asked_policies_name_metadata_and_ttl()
    {
        var parent = Maker();

        var result = await Evaluate.OpenAsync(vault.Providers(), Login(parent, """

                    displayName: ci
                    maxTtl: 30m
                    policies: [payments-reader]
                    metadata: {team: payments}
            """));

        Assert.Empty(result.Diagnostics);
        var token = result.Value!["vault"]!["token"]!;
        Assert.True(token.IsSecret);
        Assert.NotEqual(parent, token.AsString);
        var child = vault.Vault.Tokens.Issued.Single(t => t.Value == token.AsString);
        Assert.Equal(parent, child.Parent);
        Assert.Equal("token-ci", child.DisplayName);
        Assert.Equal(TimeSpan.FromMinutes(30), child.Ttl);
        Assert.Equal(["default", VaultServer.PaymentsPolicy], child.Policies);
        Assert.Equal("payments", child.Metadata["team"]);
    }

    [Fact]
    public async Task By_default_the_child_is_named_pulumi_and_lasts_two_hours()
    {
        var result = await Evaluate.OpenAsync(vault.Providers(), Login(Maker()));

        Assert.Empty(result.Diagnostics);
        var child = vault.Vault.Tokens.Issued.Single(t => t.Value == result.Value!["vault"]!["token"]!.AsString);
        Assert.Equal("token-pulumi", child.DisplayName);
        Assert.Equal(TimeSpan.FromHours(2), child.Ttl);
    }

    [Fact]
    public async Task An_unknown_parent_token_is_permission_denied_and_the_message_holds_no_token()
    {
        const string parent = "hvs.NotATokenVaultKnowsAbout1";

        var result = await Evaluate.OpenAsync(vault.Providers(), Login(parent));

        var error = Evaluate.SingleError(result);
        Assert.Equal("vault-login: Vault token create of a child token failed: HTTP 403: permission denied", error.Summary);
        Assert.DoesNotContain(parent, error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_parent_token_is_permission_denied()
    {
        var parent = vault.Vault.CreateToken(["child-maker"], TimeSpan.FromSeconds(-1));

        var result = await Evaluate.OpenAsync(vault.Providers(), Login(parent));

        Assert.EndsWith("HTTP 403: permission denied", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parent_without_the_right_to_create_tokens_is_permission_denied()
    {
        var result = await Evaluate.OpenAsync(vault.Providers(), Login(vault.PaymentsToken()));

        Assert.EndsWith("HTTP 403: permission denied", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policies_the_parent_does_not_have_are_refused_by_Vault()
    {
        var result = await Evaluate.OpenAsync(vault.Providers(), Login(Maker(), "\n        policies: [admin]"));

        Assert.EndsWith("HTTP 400: child policies must be subset of parent", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0s")]
    [InlineData("soon")]
    public async Task A_max_ttl_that_is_not_a_positive_duration_is_refused_before_calling_Vault(string maxTtl)
    {
        var before = vault.Vault.TotalRequests;

        var result = await Evaluate.OpenAsync(vault.Providers(), Login(Maker(), $"\n        maxTtl: \"{maxTtl}\""));

        Assert.NotEmpty(result.Diagnostics);
        Assert.Equal(before, vault.Vault.TotalRequests);
    }
}
