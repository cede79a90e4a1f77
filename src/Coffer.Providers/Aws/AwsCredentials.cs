namespace Coffer.Providers.Aws;

/// <summary>AWS credentials: an access key pair and, for temporary credentials, a session token.</summary>
/// <param name="AccessKeyId">The access key id (not secret).</param>
/// <param name="SecretAccessKey">The secret access key.</param>
/// <param name="SessionToken">The session token of temporary credentials, or null.</param>
internal sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken)
{
    /// <summary>Never shows the secret parts, so credentials cannot leak through a log line.</summary>
    public override string ToString() => $"AwsCredentials {{ AccessKeyId = {AccessKeyId} }}";
}
