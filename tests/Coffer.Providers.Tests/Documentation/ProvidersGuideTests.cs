using Coffer.Emulators;
using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Documentation;

/// <summary>
/// Opens every <c>yaml provider-example</c> block of docs/providers.md against the emulated account,
/// seeded with the role, secrets and parameters the examples name.
/// </summary>
[Collection(AwsCloudCollection.Name)]
public sealed class ProvidersGuideTests(AwsCloud cloud)
{
    private const string DbSecret = """{"username":"payments","password":"correct-horse"}""";

    public static TheoryData<int> Examples => [.. Enumerable.Range(0, GuideExamples.Read("provider-example").Count)];

    [Fact]
    public void The_guide_has_an_example_per_provider() => Assert.Equal(3, GuideExamples.Read("provider-example").Count);

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Guide_example_opens_without_errors_and_its_values_are_secret(int index)
    {
        Seed();

        var result = await Evaluate.OpenAsync(cloud.Providers(), GuideExamples.Read("provider-example")[index]);

        Assert.Empty(result.Diagnostics);
        var json = result.Value!.ToJson();
        foreach (var plaintext in new[] { "correct-horse", "older-horse", "api-key-value", "a.internal" })
        {
            Assert.DoesNotContain(plaintext, json, StringComparison.Ordinal);
        }
        var revealed = result.Value.ToJson(reveal: true);
        Assert.Contains(index switch { 0 => "ASIA", 1 => "correct-horse", _ => "api-key-value" }, revealed, StringComparison.Ordinal);
    }

    private void Seed()
    {
        cloud.Sts.AddRole("arn:aws:iam::111122223333:role/coffer-payments", new StsEmulator.RoleTrust(cloud.Issuer.Issuer, "aws:acme", "pulumi:environments:org:acme:env:payments/*", TimeSpan.FromHours(1)));
        cloud.SecretsManager.Add("payments/db", DbSecret, new SecretsManagerEmulator.SecretVersion("0123456789abcdef0123456789abcdef", """{"password":"older-horse"}""", null, ["AWSPREVIOUS"]));
        cloud.ParameterStore.Put("/payments/api-url", "String", "https://api.internal");
        cloud.ParameterStore.Put("/payments/api-key", "SecureString", "api-key-value");
        cloud.ParameterStore.Put("/payments/hosts", "StringList", "a.internal,b.internal");
        cloud.ParameterStore.Put("/payments/feature", "String", "on", "stable");
    }
}
