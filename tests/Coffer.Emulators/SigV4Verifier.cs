using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Coffer.Emulators;

/// <summary>
/// Checks a request's Signature Version 4 the way an AWS service does: from what arrived on the
/// wire (method, path, query, the headers named in SignedHeaders, the body), with the secret key
/// the account has for the access key id, for this service and region, within the allowed clock
/// skew, and with the session token of temporary credentials. Written apart from the client's
/// signer so a shared mistake cannot make both agree.
/// </summary>
public sealed class SigV4Verifier(AwsCredentialStore credentials, string region, string service)
{
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(15);

    public sealed record Failure(string Code, string Message);

    public Failure? Verify(HttpRequest request, byte[] body)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(authorization))
        {
            return new("MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        const string prefix = "AWS4-HMAC-SHA256 ";
        if (!authorization.StartsWith(prefix, StringComparison.Ordinal))
        {
            return new("IncompleteSignatureException", "Unsupported signing algorithm.");
        }
        var fields = authorization[prefix.Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var credential) || !fields.TryGetValue("SignedHeaders", out var signedHeaders) || !fields.TryGetValue("Signature", out var signature))
        {
            return new("IncompleteSignatureException", "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.");
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return new("IncompleteSignatureException", "Credential should be scoped to a valid region.");
        }
        var (accessKeyId, date, scopeRegion, scopeService) = (scope[0], scope[1], scope[2], scope[3]);
        var stored = credentials.Find(accessKeyId);
        if (stored is null)
        {
            return new("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        var sessionToken = request.Headers["X-Amz-Security-Token"].ToString();
        if (stored.SessionToken is not null && sessionToken != stored.SessionToken)
        {
            return new("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        if (stored.Expiration is { } expiration && expiration < DateTimeOffset.UtcNow)
        {
            return new("ExpiredTokenException", "The security token included in the request is expired");
        }
        if (scopeRegion != region)
        {
            return new("InvalidSignatureException", $"Credential should be scoped to a valid region, not '{scopeRegion}'.");
        }
        if (scopeService != service)
        {
            return new("InvalidSignatureException", $"Credential should be scoped to correct service: '{service}'.");
        }

        var amzDate = request.Headers["X-Amz-Date"].ToString();
        if (!DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt) || !amzDate.StartsWith(date, StringComparison.Ordinal))
        {
            return new("IncompleteSignatureException", "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if ((DateTimeOffset.UtcNow - signedAt).Duration() > AllowedSkew)
        {
            return new("InvalidSignatureException", $"Signature expired: {amzDate} is now earlier than the allowed window.");
        }

        var headerNames = signedHeaders.Split(';');
        if (!headerNames.Contains("host") || !headerNames.Contains("x-amz-date") || (sessionToken.Length > 0 && !headerNames.Contains("x-amz-security-token")))
        {
            return new("InvalidSignatureException", "The request signature must cover host, x-amz-date and x-amz-security-token.");
        }

        var canonical = new StringBuilder()
            .Append(request.Method).Append('\n')
            .Append(EncodePath(request.Path.Value ?? "/")).Append('\n')
            .Append(CanonicalQuery(request.Query)).Append('\n');
        foreach (var name in headerNames)
        {
            var values = request.Headers[name].Select(v => string.Join(' ', (v ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)));
            canonical.Append(name).Append(':').Append(string.Join(',', values)).Append('\n');
        }
        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(Convert.ToHexStringLower(SHA256.HashData(body)));

        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{date}/{scopeRegion}/{scopeService}/aws4_request\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + stored.SecretAccessKey);
        foreach (var part in new[] { date, scopeRegion, scopeService, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)))
        {
            // Like several AWS services, the message shows the canonical request, which includes the
            // session token header: a client must not repeat such a message verbatim.
            return new("InvalidSignatureException",
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n"
                + $"The Canonical String for this request should have been\n'{canonical}'\n\nThe String-to-Sign should have been\n'{stringToSign}'\n");
        }
        return null;
    }

    private static string EncodePath(string path) =>
        string.Join('/', path.Split('/').Select(segment => Uri.EscapeDataString(Uri.UnescapeDataString(segment))));

    private static string CanonicalQuery(IQueryCollection query) => string.Join('&', query
        .SelectMany(p => p.Value.Select(v => (Name: Uri.EscapeDataString(p.Key), Value: Uri.EscapeDataString(v ?? ""))))
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .ThenBy(p => p.Value, StringComparer.Ordinal)
        .Select(p => $"{p.Name}={p.Value}"));
}
