using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Coffer.Language.Hosting;
using Coffer.Providers.Http;

namespace Coffer.Providers.Aws;

/// <summary>
/// STS <c>AssumeRoleWithWebIdentity</c> over the Query protocol (form POST, XML answer). The call is
/// not signed: the web-identity token is the proof, checked by STS against the OIDC issuer's keys.
/// </summary>
internal sealed class StsClient(HttpClient http, RemoteCall call, AwsEndpoints endpoints)
{
    private const string ApiVersion = "2011-06-15";
    private static readonly MediaTypeHeaderValue FormContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded; charset=utf-8");

    /// <summary>The parameters of the call.</summary>
    public sealed record AssumeRoleRequest(string RoleArn, string SessionName, string WebIdentityToken, TimeSpan Duration, IReadOnlyList<string> PolicyArns);

    public async Task<AwsCredentials> AssumeRoleWithWebIdentityAsync(AssumeRoleRequest request, string provider, CancellationToken cancellationToken)
    {
        var form = new List<(string, string)>
        {
            ("Action", "AssumeRoleWithWebIdentity"),
            ("Version", ApiVersion),
            ("RoleArn", request.RoleArn),
            ("RoleSessionName", request.SessionName),
            ("WebIdentityToken", request.WebIdentityToken),
            ("DurationSeconds", ((long)request.Duration.TotalSeconds).ToString(CultureInfo.InvariantCulture)),
        };
        for (var i = 0; i < request.PolicyArns.Count; i++)
        {
            form.Add(($"PolicyArns.member.{i + 1}.arn", request.PolicyArns[i]));
        }
        var body = Encoding.UTF8.GetBytes(string.Join('&', form.Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}")));

        RemoteResponse response;
        try
        {
            response = await call.SendAsync(
                http,
                () =>
                {
                    var message = new HttpRequestMessage(HttpMethod.Post, endpoints.StsEndpoint) { Content = new ByteArrayContent(body) };
                    message.Content.Headers.ContentType = FormContentType;
                    return message;
                },
                (message, content) =>
                {
                    if (message.IsSuccessStatusCode)
                    {
                        return new RemoteResponse(message.StatusCode, content, null, null, false);
                    }
                    var (code, text) = ReadError(content);
                    return new RemoteResponse(message.StatusCode, content, code, text, AwsServiceError.IsTransient(message.StatusCode, code));
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (RemoteCallException ex)
        {
            throw Failure(provider, request.RoleArn, ex.Message);
        }

        if (!response.IsSuccess)
        {
            var code = response.ErrorCode ?? $"HTTP {(int)response.Status}";
            var text = RemoteErrorText.Clean(response.ErrorMessage, [request.WebIdentityToken]);
            throw Failure(provider, request.RoleArn, text.Length == 0 ? code : $"{code}: {text}");
        }
        return ReadCredentials(response.Body) ?? throw Failure(provider, request.RoleArn, "the answer holds no credentials");
    }

    private static ProviderException Failure(string provider, string roleArn, string reason) =>
        new($"{provider}: STS AssumeRoleWithWebIdentity for role \"{roleArn}\" failed: {reason}");

    private static AwsCredentials? ReadCredentials(byte[] body)
    {
        var root = Load(body)?.Root;
        var credentials = root?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Credentials");
        string? Field(string name) => credentials?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        var accessKeyId = Field("AccessKeyId");
        var secretAccessKey = Field("SecretAccessKey");
        var sessionToken = Field("SessionToken");
        return string.IsNullOrEmpty(accessKeyId) || string.IsNullOrEmpty(secretAccessKey) || string.IsNullOrEmpty(sessionToken)
            ? null
            : new AwsCredentials(accessKeyId, secretAccessKey, sessionToken);
    }

    /// <summary>The code and message of <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;</c>.</summary>
    private static (string? Code, string? Message) ReadError(byte[] body)
    {
        var error = Load(body)?.Root?.DescendantsAndSelf().FirstOrDefault(e => e.Name.LocalName == "Error");
        string? Field(string name) => error?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
        return (AwsServiceError.Simplify(Field("Code")), Field("Message"));
    }

    private static XDocument? Load(byte[] body)
    {
        try
        {
            // No DTDs: the answer comes from the network.
            using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            return XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
