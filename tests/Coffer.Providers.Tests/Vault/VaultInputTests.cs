using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Vault;

/// <summary>Inputs of the Vault providers that are refused before anything is sent.</summary>
[Collection(VaultServerCollection.Name)]
public sealed class VaultInputTests(VaultServer vault)
{
    [Theory]
    [InlineData("ftp://vault.example.com")]
    [InlineData("https://vault.example.com/v1/secret")]
    [InlineData("https://user:pass@vault.example.com")]
    [InlineData("https://vault.example.com?x=1")]
    [InlineData("https://vault.example.com#frag")]
    [InlineData("vault.example.com:8200")]
    public async Task An_address_that_is_not_a_bare_server_is_refused(string address)
    {
        var result = await Evaluate.OpenAsync(vault.Providers(), $$$"""
            values:
              vault:
                fn::open::vault-login: {address: "{{{address}}}", token: {token: hvs.parent-token-value}}
            """);

        Assert.Contains("address must be a Vault server's http(s) address with no path", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("pass", Evaluate.SingleError(result).Summary.Replace("address", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{address: ADDR}")]
    [InlineData("{address: ADDR, token: {token: t}, jwt: {role: r}}")]
    public async Task Exactly_one_of_jwt_or_token_is_required(string inputs)
    {
        var result = await Evaluate.OpenAsync(vault.Providers(), $"values:\n  vault:\n    fn::open::vault-login: {inputs.Replace("ADDR", vault.Address, StringComparison.Ordinal)}\n");

        Assert.Equal("vault-login: give exactly one of \"jwt\" or \"token\"", Evaluate.SingleError(result).Summary);
    }

    [Theory]
    [InlineData("team-a/../root")]
    [InlineData("team-a//b")]
    [InlineData("team?x")]
    public async Task A_namespace_that_is_not_a_namespace_path_is_refused(string ns)
    {
        var result = await Evaluate.OpenAsync(vault.Providers(), $"values:\n  vault:\n    fn::open::vault-login: {{address: {vault.Address}, namespace: \"{ns}\", token: {{token: hvs.parent}}}}\n");

        Assert.Equal($"vault-login: namespace \"{ns}\" is not a Vault namespace such as team-a or org/team-a", Evaluate.SingleError(result).Summary);
    }

    [Fact]
    public async Task A_misspelt_input_is_refused_naming_the_known_ones()
    {
        var result = await Evaluate.OpenAsync(vault.Providers(), $"values:\n  vault:\n    fn::open::vault-login: {{address: {vault.Address}, jwt: {{role: r, mnt: x}}}}\n");

        Assert.Equal("vault-login: unknown input jwt.mnt; expected one of role, mount, subjectAttributes", Evaluate.SingleError(result).Summary);
    }

    [Theory]
    [InlineData("secret/../sys/seal")]
    [InlineData("secret//data/x")]
    [InlineData("secret/data/x?version=1")]
    [InlineData("secret/data/x#y")]
    [InlineData("./secret")]
    public async Task A_path_that_could_leave_the_secret_is_refused_without_a_request(string path)
    {
        var before = vault.Vault.TotalRequests;

        var result = await Evaluate.OpenAsync(vault.Providers(), $$$"""
            values:
              kv:
                fn::open::vault-secrets:
                  login: {address: {{{vault.Address}}}, token: {fn::secret: hvs.some-token-value}}
                  read: {x: {path: "{{{path}}}"}}
            """);

        Assert.Contains("is not a Vault path such as secret/data/api", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
        Assert.Equal(before, vault.Vault.TotalRequests);
    }

    [Fact]
    public async Task Checking_calls_nothing_and_an_empty_read_is_a_schema_error()
    {
        var before = vault.Vault.TotalRequests;

        var result = await Evaluate.OpenAsync(vault.Providers(), $$$"""
            values:
              kv:
                fn::open::vault-secrets:
                  login: {address: {{{vault.Address}}}, token: {fn::secret: hvs.some-token-value}}
                  read: {}
            """);

        Assert.NotEmpty(result.Diagnostics);
        Assert.Equal(before, vault.Vault.TotalRequests);
    }
}
