using Coffer.Emulators;
using Coffer.Providers.Gcp;
using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Gcp;

/// <summary><c>gcp-secrets</c> reading Secret Manager with the token <c>gcp-login</c> got.</summary>
[Collection(GcpCloudCollection.Name)]
public sealed class SecretManagerTests(GcpCloud cloud)
{
    private const string Principal = "serviceAccount:" + GcpCloud.ServiceAccount;

    private static string Definition(string access) => $$"""
        values:
          gcp:
            fn::open::gcp-login:
              project: {{GcpCloud.Project}}
              oidc:
                workloadPoolId: {{GcpCloud.Pool}}
                providerId: {{GcpCloud.Provider}}
                serviceAccount: {{GcpCloud.ServiceAccount}}
          gsm:
            fn::open::gcp-secrets:
              login: ${gcp}
              access:
        {{access}}
          environmentVariables:
            GOOGLE_OAUTH_ACCESS_TOKEN: ${gcp.accessToken}
        """;

    private static string Access(string key, string name, int? version = null) =>
        $"          {key}:\n            name: {name}" + (version is null ? "" : $"\n            version: {version}");

    private void Seed(string secret, params string[] versions)
    {
        foreach (var value in versions)
        {
            cloud.SecretManager.AddVersion(GcpCloud.Project, secret, value);
        }
        cloud.SecretManager.GrantAccess(GcpCloud.Project, secret, Principal);
    }

    [Fact]
    public async Task Secrets_are_read_latest_and_by_version_and_come_out_secret()
    {
        Seed("versioned-password", "old-horse", "correct-horse");

        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition(Access("now", "versioned-password") + "\n" + Access("before", "versioned-password", 1)));

        Assert.Empty(result.Diagnostics);
        var gsm = result.Value!["gsm"]!;
        Assert.Equal("correct-horse", gsm["now"]!.AsString);
        Assert.Equal("old-horse", gsm["before"]!.AsString);
        Assert.True(gsm["now"]!.IsSecret);
        Assert.True(result.Value["environmentVariables"]!["GOOGLE_OAUTH_ACCESS_TOKEN"]!.IsSecret);
        Assert.DoesNotContain("horse", result.Value.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_that_does_not_exist_is_NOT_FOUND_naming_the_resource()
    {
        Seed("one-version", "x");

        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition(Access("x", "one-version", 7)));

        var error = Evaluate.SingleError(result);
        Assert.Equal("values.gsm", error.Path);
        Assert.Contains($"gcp-secrets: Secret Manager access for \"projects/{GcpCloud.Project}/secrets/one-version/versions/7\" failed: NOT_FOUND (404)", error.Summary, StringComparison.Ordinal);
        Assert.All(cloud.AccessTokens.Issued, t => Assert.DoesNotContain(t, error.Summary, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_secret_the_service_account_may_not_read_is_PERMISSION_DENIED()
    {
        cloud.SecretManager.AddVersion(GcpCloud.Project, "not-granted", "x");

        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition(Access("x", "not-granted")));

        Assert.Contains("PERMISSION_DENIED (403)", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_disabled_version_is_refused_and_latest_skips_it()
    {
        cloud.SecretManager.AddVersion(GcpCloud.Project, "with-disabled", "good"u8.ToArray());
        cloud.SecretManager.AddVersion(GcpCloud.Project, "with-disabled", "bad"u8.ToArray(), SecretManagerEmulator.VersionState.Disabled);
        cloud.SecretManager.GrantAccess(GcpCloud.Project, "with-disabled", Principal);

        var latest = await Evaluate.OpenAsync(cloud.Providers(), Definition(Access("x", "with-disabled")));
        var disabled = await Evaluate.OpenAsync(cloud.Providers(), Definition(Access("x", "with-disabled", 2)));

        Assert.Equal("good", latest.Value!["gsm"]!["x"]!.AsString);
        Assert.Contains("FAILED_PRECONDITION (400)", Evaluate.SingleError(disabled).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_payload_that_fails_its_checksum_is_refused()
    {
        Seed("corrupted", "flipped-bits");
        cloud.SecretManager.CorruptChecksum(GcpCloud.Project, "corrupted");

        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition(Access("x", "corrupted")));

        var error = Evaluate.SingleError(result);
        Assert.Contains("CRC-32C", error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("flipped-bits", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_binary_payload_is_refused_rather_than_mangled()
    {
        cloud.SecretManager.AddVersion(GcpCloud.Project, "binary", [0xff, 0xfe, 0x00, 0x81]);
        cloud.SecretManager.GrantAccess(GcpCloud.Project, "binary", Principal);

        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition(Access("x", "binary")));

        Assert.Contains("binary, not UTF-8 text", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttled_and_unavailable_reads_are_retried()
    {
        Seed("flaky", "eventually");
        cloud.SecretManager.Faults.Throttle($"{GcpCloud.Project}/flaky", 1);
        cloud.SecretManager.Faults.FailWithServerError($"{GcpCloud.Project}/flaky", 1);

        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition(Access("x", "flaky")));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(3, cloud.SecretManager.Faults.Requests($"{GcpCloud.Project}/flaky"));
    }

    [Fact]
    public async Task Many_secrets_are_read_concurrently_and_each_lands_under_its_key()
    {
        var names = Enumerable.Range(0, 12).Select(i => $"many-{i}").ToList();
        foreach (var name in names)
        {
            Seed(name, "value-of-" + name);
        }

        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition(string.Join("\n", names.Select(n => Access(n, n)))));

        Assert.Empty(result.Diagnostics);
        Assert.All(names, n => Assert.Equal("value-of-" + n, result.Value!["gsm"]![n]!.AsString));
    }

    [Theory]
    [InlineData("name: ../../other/secret")]
    [InlineData("name: \"a:access?x=\"")]
    public async Task A_secret_name_that_could_change_the_path_is_refused_by_the_schema(string name)
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition(Access("x", "placeholder").Replace("name: placeholder", name, StringComparison.Ordinal)));

        Assert.Contains(result.Diagnostics, d => d.IsError);
    }

    [Theory]
    [InlineData("123456789", 0xE3069283u)]
    [InlineData("", 0u)]
    public void Crc32C_matches_the_published_check_values(string text, uint expected) =>
        Assert.Equal(expected, Crc32C.Compute(System.Text.Encoding.ASCII.GetBytes(text)));
}
