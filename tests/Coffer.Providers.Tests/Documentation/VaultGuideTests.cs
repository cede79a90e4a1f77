using Coffer.Emulators;
using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Documentation;

/// <summary>
/// Opens every <c>yaml vault-example</c> block of docs/providers.md against the emulated Vault,
/// configured as the guide's "Trusting Coffer in Vault" steps configure a real one.
/// </summary>
[Collection(VaultServerCollection.Name)]
public sealed class VaultGuideTests(VaultServer vault)
{
    private const string GuideAddress = "https://vault.example.com:8200";

    public static TheoryData<int> Examples => [.. Enumerable.Range(0, GuideExamples.Read("vault-example").Count)];

    [Fact]
    public void The_guide_has_an_example_per_vault_provider() => Assert.Equal(2, GuideExamples.Read("vault-example").Count);

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Guide_example_opens_without_errors_and_its_values_are_secret(int index)
    {
        Seed();
        var yaml = GuideExamples.Read("vault-example")[index].Replace(GuideAddress, vault.Address, StringComparison.Ordinal);

        var result = await Evaluate.OpenAsync(vault.Providers(), yaml);

        Assert.Empty(result.Diagnostics);
        var json = result.Value!.ToJson();
        var token = vault.Vault.JwtLogins.Last().Token.Value;
        foreach (var plaintext in new[] { token, "guide-api-key", "guide-legacy-password" })
        {
            Assert.DoesNotContain(plaintext, json, StringComparison.Ordinal);
        }
        var variables = result.Value["environmentVariables"]!;
        Assert.Equal(token, index == 0 ? variables["VAULT_TOKEN"]!.AsString : result.Value["vault"]!["token"]!.AsString);
        if (index == 1)
        {
            Assert.Equal("guide-api-key", variables["API_KEY"]!.AsString);
            Assert.Equal("guide-legacy-password", variables["LEGACY_PASSWORD"]!.AsString);
        }
    }

    private void Seed()
    {
        // The fixture's payments-reader policy is the guide's: read secret/data/payments/* and kv/payments/*.
        vault.Vault.AddJwtRole("jwt", "payments-reader", new VaultEmulator.JwtRole(
            [VaultServer.Organization],
            UserClaim: "sub",
            BoundClaims: new Dictionary<string, string[]> { ["sub"] = [$"pulumi:environments:org:{VaultServer.Organization}:env:payments/*"] },
            GlobClaims: true,
            TokenPolicies: [VaultServer.PaymentsPolicy],
            TokenTtl: TimeSpan.FromMinutes(15)));
        vault.Vault.PutSecret("secret", "payments/api", new Dictionary<string, object> { ["key"] = "guide-api-key" });
        vault.Vault.PutSecret("kv", "payments/legacy", new Dictionary<string, object> { ["password"] = "guide-legacy-password" });
    }
}
