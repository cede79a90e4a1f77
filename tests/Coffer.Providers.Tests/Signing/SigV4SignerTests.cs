using System.Net.Http.Headers;
using System.Text;
using Coffer.Providers.Aws;
using Coffer.Providers.Aws.Signing;

namespace Coffer.Providers.Tests.Signing;

public sealed class SigV4SignerTests
{
    private static readonly AwsCredentials Example = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null);

    [Fact]
    public void Signs_the_published_iam_example_to_the_published_signature()
    {
        // The signed POST example of the AWS General Reference (IAM ListUsers, 2011-09-09).
        var body = Encoding.UTF8.GetBytes("Action=ListUsers&Version=2010-05-08");
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://iam.amazonaws.com/") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");

        SigV4Signer.Sign(request, body, Example, "us-east-1", "iam", new DateTimeOffset(2011, 9, 9, 23, 36, 0, TimeSpan.Zero));

        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20110909/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=ced6826de92d2bdeed8f846f0bf508e8559e98e4b0199114b84c54174deb456c",
            request.Headers.GetValues("Authorization").Single());
        Assert.Equal("20110909T233600Z", request.Headers.GetValues("X-Amz-Date").Single());
    }

    [Fact]
    public void Session_credentials_sign_the_security_token_header()
    {
        var body = "{}"u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:8443/") { Content = new ByteArrayContent(body) };

        SigV4Signer.Sign(request, body, Example with { SessionToken = "session-token-value" }, "eu-west-1", "ssm", DateTimeOffset.UnixEpoch);

        Assert.Equal("127.0.0.1:8443", request.Headers.Host);
        Assert.Equal("session-token-value", request.Headers.GetValues("X-Amz-Security-Token").Single());
        Assert.Contains("SignedHeaders=host;x-amz-date;x-amz-security-token,", request.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void Query_parameters_are_encoded_and_sorted_in_the_canonical_request()
    {
        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["host"] = "example.amazonaws.com" };

        var canonical = SigV4Signer.CanonicalRequest("GET", new Uri("https://example.amazonaws.com/a b/c?Param2=value2&Param1=value%201&empty"), headers, "host", "hash");

        Assert.Equal("GET\n/a%20b/c\nParam1=value%201&Param2=value2&empty=\nhost:example.amazonaws.com\n\nhost\nhash", canonical);
    }

    [Theory]
    [InlineData("abc-_.~", "abc-_.~")]
    [InlineData("a b/c+d=é", "a%20b%2Fc%2Bd%3D%C3%A9")]
    public void Encoding_keeps_only_unreserved_characters(string text, string expected) =>
        Assert.Equal(expected, SigV4Signer.Encode(text));
}
