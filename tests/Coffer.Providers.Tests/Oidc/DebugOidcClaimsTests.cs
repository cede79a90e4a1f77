using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Oidc;

/// <summary><c>debug-oidc-claims</c> where no server issues tokens, and its refused forms.</summary>
public sealed class DebugOidcClaimsTests
{
    private static Task<Coffer.Language.EvaluationResult> OpenAsync(string inputs) =>
        Evaluate.OpenAsync(CofferProviders.Create(), $"values:\n  claims:\n    fn::open::debug-oidc-claims: {inputs}\n");

    [Fact]
    public async Task Without_a_server_there_are_no_claims_to_show()
    {
        var result = await OpenAsync("{audiencePrefix: aws}");

        Assert.Equal("debug-oidc-claims: identity tokens are issued by a Coffer server; this host has none", Evaluate.SingleError(result).Summary);
    }

    [Fact]
    public async Task The_v2_form_says_v2_tokens_are_not_issued_yet()
    {
        var result = await OpenAsync("{audience: \"https://registry.example.com\", identityToken: {version: v2}}");

        Assert.StartsWith("debug-oidc-claims: v2 identity tokens (fn::open::oidc) are not issued by this server yet", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mixing_the_two_forms_is_refused()
    {
        var result = await OpenAsync("{audiencePrefix: aws, audience: x, identityToken: {version: v2}}");

        Assert.StartsWith("debug-oidc-claims: give either identityToken, audience and duration", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_an_audience_prefix_it_asks_for_one()
    {
        var result = await OpenAsync("{subjectAttributes: [pulumi.user.login]}");

        Assert.StartsWith("debug-oidc-claims: give audiencePrefix", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_audience_prefix_that_is_not_a_plain_name_fails_the_schema()
    {
        var result = await OpenAsync("{audiencePrefix: \"aws:other\"}");

        Assert.Contains(result.Diagnostics, d => d.IsError);
    }
}
