using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Documentation;

/// <summary>Opens every <c>yaml gcp-example</c> block of docs/providers.md against the emulated project.</summary>
[Collection(GcpCloudCollection.Name)]
public sealed class GcpProvidersGuideTests(GcpCloud cloud)
{
    public static TheoryData<int> Examples => [.. Enumerable.Range(0, GuideExamples.Read("gcp-example").Count)];

    [Fact]
    public void The_guide_has_an_example_per_Google_Cloud_provider() => Assert.Equal(2, GuideExamples.Read("gcp-example").Count);

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Guide_example_opens_without_errors_and_its_token_and_values_are_secret(int index)
    {
        cloud.SecretManager.AddVersion(GcpCloud.Project, "db-password", "older-horse-gsm");
        cloud.SecretManager.AddVersion(GcpCloud.Project, "db-password", "correct-horse-gsm");
        cloud.SecretManager.GrantAccess(GcpCloud.Project, "db-password", "serviceAccount:" + GcpCloud.ServiceAccount);

        var result = await Evaluate.OpenAsync(cloud.Providers(), GuideExamples.Read("gcp-example")[index]);

        Assert.Empty(result.Diagnostics);
        var json = result.Value!.ToJson();
        var token = result.Value["gcp"]!["login"]!["accessToken"]!.AsString;
        Assert.DoesNotContain(token, json, StringComparison.Ordinal);
        Assert.DoesNotContain("horse-gsm", json, StringComparison.Ordinal);
        Assert.Contains(index == 0 ? token : "correct-horse-gsm", result.Value.ToJson(reveal: true), StringComparison.Ordinal);
    }
}
