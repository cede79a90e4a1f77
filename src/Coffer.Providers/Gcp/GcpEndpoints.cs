namespace Coffer.Providers.Gcp;

/// <summary>
/// Where the Google Cloud providers send requests: the public Google APIs unless the host chooses
/// otherwise (Private Service Connect endpoints, a test emulator). Environments never choose hosts.
/// </summary>
public sealed record GcpEndpoints
{
    /// <summary>The public Google APIs.</summary>
    public static GcpEndpoints Public { get; } = new();

    /// <summary>Security Token Service, for the workload identity federation exchange.</summary>
    public Uri Sts { get; init; } = new("https://sts.googleapis.com/");

    /// <summary>IAM Service Account Credentials, for <c>generateAccessToken</c>.</summary>
    public Uri IamCredentials { get; init; } = new("https://iamcredentials.googleapis.com/");

    /// <summary>Secret Manager.</summary>
    public Uri SecretManager { get; init; } = new("https://secretmanager.googleapis.com/");
}
