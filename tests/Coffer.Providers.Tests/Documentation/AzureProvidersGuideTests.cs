using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Documentation;

/// <summary>Opens every <c>yaml azure-example</c> block of docs/providers.md against the emulated tenant.</summary>
[Collection(AzureCloudCollection.Name)]
public sealed class AzureProvidersGuideTests(AzureCloud cloud)
{
    public static TheoryData<int> Examples => [.. Enumerable.Range(0, GuideExamples.Read("azure-example").Count)];

    [Fact]
    public void The_guide_has_an_example_per_Azure_provider() => Assert.Equal(2, GuideExamples.Read("azure-example").Count);

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Guide_example_opens_without_errors_and_its_credentials_and_values_are_secret(int index)
    {
        cloud.KeyVault.SetSecret(AzureCloud.Vault, "db-password", "correct-horse-kv");
        cloud.KeyVault.SetSecret(AzureCloud.Vault, "api-key", "api-key-kv");
        var tokens = cloud.Tokens();

        var result = await Evaluate.OpenAsync(cloud.Providers(tokens), GuideExamples.Read("azure-example")[index]);

        Assert.Empty(result.Diagnostics);
        var json = result.Value!.ToJson();
        Assert.DoesNotContain(Assert.Single(tokens.Minted), json, StringComparison.Ordinal);
        Assert.DoesNotContain("correct-horse-kv", json, StringComparison.Ordinal);
        Assert.Contains(index == 0 ? tokens.Minted.Single() : "correct-horse-kv", result.Value.ToJson(reveal: true), StringComparison.Ordinal);
    }
}
