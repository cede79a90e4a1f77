using Coffer.Providers.Aws;

namespace Coffer.Providers.Tests.Aws;

public sealed class SmallPartsTests
{
    [Theory]
    [InlineData("1h", 3600)]
    [InlineData("90m", 5400)]
    [InlineData("1h30m", 5400)]
    [InlineData("1h0m15s", 3615)]
    [InlineData("45s", 45)]
    public void Durations_are_hours_minutes_and_seconds(string text, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), DurationText.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("1d")]
    [InlineData("30m1h")]
    [InlineData("1.5h")]
    public void Other_duration_texts_are_refused(string text) => Assert.Null(DurationText.Parse(text));

    [Theory]
    [InlineData("us-east-1", true)]
    [InlineData("us-gov-west-1", true)]
    [InlineData("cn-north-1", true)]
    [InlineData("evil.example.com/", false)]
    [InlineData("us-east-1.attacker", false)]
    [InlineData("", false)]
    public void Only_region_names_are_regions(string region, bool valid) => Assert.Equal(valid, AwsEndpoints.IsRegionName(region));

    [Fact]
    public void Public_endpoints_follow_the_region_and_partition()
    {
        Assert.Equal("https://secretsmanager.eu-west-1.amazonaws.com/", AwsEndpoints.Public.SecretsManagerEndpoint("eu-west-1").ToString());
        Assert.Equal("https://ssm.cn-north-1.amazonaws.com.cn/", AwsEndpoints.Public.SsmEndpoint("cn-north-1").ToString());
        Assert.Equal("https://sts.amazonaws.com/", AwsEndpoints.Public.StsEndpoint.ToString());
    }

    [Theory]
    [InlineData("com.amazonaws.secretsmanager#ResourceNotFoundException", "ResourceNotFoundException")]
    [InlineData("ThrottlingException:http://internal.amazon.com/coral/", "ThrottlingException")]
    [InlineData("AccessDenied", "AccessDenied")]
    public void Error_codes_lose_their_namespace(string code, string expected) => Assert.Equal(expected, AwsServiceError.Simplify(code));

    [Fact]
    public void Remote_messages_lose_every_credential_the_request_carried()
    {
        var cleaned = RemoteErrorText.Clean("bad signature for x-amz-security-token:SESSIONTOKEN123\nkey wJalrXUtnFEMI", ["SESSIONTOKEN123", "wJalrXUtnFEMI", null, "short"]);
        Assert.Equal("bad signature for x-amz-security-token:[secret] key [secret]", cleaned);
    }
}
