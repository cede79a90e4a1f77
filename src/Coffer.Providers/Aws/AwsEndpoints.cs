using System.Text.RegularExpressions;

namespace Coffer.Providers.Aws;

/// <summary>
/// Where the AWS providers send requests. By default the public regional endpoints; the host may
/// override a service's endpoint (a VPC endpoint, a FIPS endpoint, a test emulator). Users never
/// choose hosts: an environment only names a region, and a region is checked to be a region name.
/// </summary>
public sealed partial record AwsEndpoints
{
    /// <summary>The public AWS endpoints.</summary>
    public static AwsEndpoints Public { get; } = new();

    /// <summary>STS, for <c>AssumeRoleWithWebIdentity</c>; <c>https://sts.amazonaws.com</c> when null.</summary>
    public Uri? Sts { get; init; }

    /// <summary>Secrets Manager for every region; the region's public endpoint when null.</summary>
    public Uri? SecretsManager { get; init; }

    /// <summary>Systems Manager (Parameter Store) for every region; the region's public endpoint when null.</summary>
    public Uri? Ssm { get; init; }

    internal Uri StsEndpoint => Sts ?? new Uri("https://sts.amazonaws.com/");

    internal Uri SecretsManagerEndpoint(string region) => SecretsManager ?? Regional("secretsmanager", region);

    internal Uri SsmEndpoint(string region) => Ssm ?? Regional("ssm", region);

    /// <summary>True when <paramref name="region"/> looks like an AWS region (<c>us-east-1</c>, <c>us-gov-west-1</c>).</summary>
    internal static bool IsRegionName(string region) => RegionPattern().IsMatch(region);

    private static Uri Regional(string service, string region)
    {
        if (!IsRegionName(region))
        {
            throw new ArgumentException($"\"{region}\" is not an AWS region name", nameof(region));
        }
        // The China partition has its own domain.
        var domain = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{service}.{region}.{domain}/");
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}
