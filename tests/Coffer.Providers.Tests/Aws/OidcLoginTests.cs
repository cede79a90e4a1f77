using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Aws;

/// <summary><c>aws-login</c> with OIDC feeding <c>aws-secrets</c>, evaluated by the language against the emulated account.</summary>
[Collection(AwsCloudCollection.Name)]
public sealed class OidcLoginTests(AwsCloud cloud)
{
    private static string Definition(string secretName, string role = AwsCloud.PaymentsRole, string extraOidc = "") => $$"""
        values:
          aws:
            creds:
              fn::open::aws-login:
                oidc:
                  roleArn: {{role}}
                  sessionName: coffer-test
                  duration: 1h{{extraOidc}}
            secrets:
              fn::open::aws-secrets:
                region: {{AwsCloud.Region}}
                login: ${aws.creds}
                get:
                  db:
                    secretId: {{secretName}}
          environmentVariables:
            AWS_ACCESS_KEY_ID: ${aws.creds.accessKeyId}
            DB_PASSWORD: ${aws.secrets.db}
        """;

    [Fact]
    public async Task Oidc_credentials_from_sts_read_a_secret_and_come_out_secret()
    {
        cloud.SecretsManager.Add("payments/db-oidc", "hunter2-oidc");
        var tokens = cloud.Tokens();

        var result = await Evaluate.OpenAsync(cloud.Providers(tokens), Definition("payments/db-oidc"));

        Assert.Empty(result.Diagnostics);
        var creds = result.Value!["aws"]!["creds"]!;
        var issued = cloud.Sts.Assumed.Single(a => a.Credentials.AccessKeyId == creds["accessKeyId"]!.AsString).Credentials;
        Assert.False(creds["accessKeyId"]!.IsSecret);
        Assert.Equal(issued.SecretAccessKey, creds["secretAccessKey"]!.AsString);
        Assert.True(creds["secretAccessKey"]!.IsSecret);
        Assert.Equal(issued.SessionToken, creds["sessionToken"]!.AsString);
        Assert.True(creds["sessionToken"]!.IsSecret);

        var password = result.Value["aws"]!["secrets"]!["db"]!;
        Assert.Equal("hunter2-oidc", password.AsString);
        Assert.True(password.IsSecret);
        Assert.True(result.Value["environmentVariables"]!["DB_PASSWORD"]!.IsSecret);
        Assert.DoesNotContain("hunter2", result.Value.ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_names_the_environment_and_the_call_carries_role_session_duration_and_policies()
    {
        cloud.SecretsManager.Add("payments/db-claims", "x");
        var tokens = cloud.Tokens();
        var policies = "\n          policyArns: [\"arn:aws:iam::aws:policy/ReadOnlyAccess\", \"arn:aws:iam::111122223333:policy/extra\"]";

        var result = await Evaluate.OpenAsync(cloud.Providers(tokens), Definition("payments/db-claims", extraOidc: policies));

        Assert.Empty(result.Diagnostics);
        var accessKeyId = result.Value!["aws"]!["creds"]!["accessKeyId"]!.AsString;
        var call = cloud.Sts.Assumed.Single(a => a.Credentials.AccessKeyId == accessKeyId);
        Assert.Equal(AwsCloud.PaymentsRole, call.RoleArn);
        Assert.Equal("coffer-test", call.SessionName);
        Assert.Equal(3600, call.DurationSeconds);
        Assert.Equal(["arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::111122223333:policy/extra"], call.PolicyArns);
        Assert.Equal("pulumi:environments:org:acme:env:payments/prod", call.Subject);
        Assert.Equal("aws:acme", call.Audience);
        var request = Assert.Single(tokens.Requests);
        Assert.Equal("aws", request.AudiencePrefix);
        Assert.Equal("aws-login", request.Provider);
    }

    [Fact]
    public async Task Subject_attributes_build_the_subject_a_role_can_trust()
    {
        const string role = "arn:aws:iam::111122223333:role/alice-only";
        cloud.Sts.AddRole(role, new(cloud.Issuer.Issuer, "aws:acme", "pulumi:environments:pulumi.organization.login:acme:currentEnvironment.name:payments/prod:pulumi.user.login:alice", TimeSpan.FromHours(1)));
        cloud.SecretsManager.Add("payments/db-attrs", "attr-secret");

        var result = await Evaluate.OpenAsync(
            cloud.Providers(),
            Definition("payments/db-attrs", role, "\n          subjectAttributes: [currentEnvironment.name, pulumi.user.login]"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("attr-secret", result.Value!["aws"]!["secrets"]!["db"]!.AsString);
    }

    [Fact]
    public async Task An_issuer_briefly_unreachable_from_sts_is_retried()
    {
        cloud.SecretsManager.Add("payments/db-idp", "after-retry");
        var fetchesBefore = cloud.Issuer.JwksFetches;
        cloud.Issuer.FailJwks(1);

        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition("payments/db-idp"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("after-retry", result.Value!["aws"]!["secrets"]!["db"]!.AsString);
        Assert.Equal(fetchesBefore + 2, cloud.Issuer.JwksFetches);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused_at_the_login()
    {
        // The account trusts aws:acme only; this server's organization is someone else.
        var tokens = new TestWorkloadIdentityTokens(cloud.Issuer, "other-org");

        var result = await Evaluate.OpenAsync(cloud.Providers(tokens), Definition("payments/never-read"));

        var error = Evaluate.SingleError(result);
        Assert.Equal("values.aws.creds", error.Path);
        Assert.Contains("aws-login", error.Summary, StringComparison.Ordinal);
        Assert.Contains("InvalidIdentityToken: Incorrect token audience", error.Summary, StringComparison.Ordinal);
        AssertNoTokenIn(error.Summary, tokens);
        Assert.Equal(0, cloud.SecretsManager.Faults.Requests("payments/never-read"));
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var tokens = new TestWorkloadIdentityTokens(cloud.Issuer, AwsCloud.Organization) { Age = TimeSpan.FromMinutes(10), Lifetime = TimeSpan.FromMinutes(5) };

        var result = await Evaluate.OpenAsync(cloud.Providers(tokens), Definition("payments/never-read"));

        var error = Evaluate.SingleError(result);
        Assert.Equal("values.aws.creds", error.Path);
        Assert.Contains("ExpiredTokenException", error.Summary, StringComparison.Ordinal);
        AssertNoTokenIn(error.Summary, tokens);
    }

    [Fact]
    public async Task A_token_signed_with_a_key_the_issuer_does_not_publish_is_refused()
    {
        var tokens = new TestWorkloadIdentityTokens(cloud.Issuer, AwsCloud.Organization) { SignWithUnpublishedKey = true };
        var fetchesBefore = cloud.Issuer.JwksFetches;

        var result = await Evaluate.OpenAsync(cloud.Providers(tokens), Definition("payments/never-read"));

        var error = Evaluate.SingleError(result);
        Assert.Contains("InvalidIdentityToken", error.Summary, StringComparison.Ordinal);
        Assert.True(cloud.Issuer.JwksFetches > fetchesBefore, "STS fetched the issuer's keys over HTTP");
        AssertNoTokenIn(error.Summary, tokens);
    }

    [Fact]
    public async Task A_role_whose_trust_does_not_match_the_subject_denies_access()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition("payments/never-read"), environment: "marketing/prod");

        var error = Evaluate.SingleError(result);
        Assert.Equal("values.aws.creds", error.Path);
        Assert.Contains("AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duration_beyond_the_roles_maximum_is_the_services_validation_error()
    {
        var yaml = Definition("payments/never-read").Replace("duration: 1h", "duration: 2h", StringComparison.Ordinal);

        var result = await Evaluate.OpenAsync(cloud.Providers(), yaml);

        Assert.Contains("ValidationError: The requested DurationSeconds exceeds the MaxSessionDuration", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_issuer_oidc_login_says_so()
    {
        var providers = CofferProviders.Create(new CofferProviderOptions { AwsEndpoints = new() { Sts = cloud.Sts.Endpoint } });

        var result = await Evaluate.OpenAsync(providers, Definition("payments/never-read"));

        Assert.Contains("OIDC login needs a Coffer server", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    private static void AssertNoTokenIn(string message, TestWorkloadIdentityTokens tokens)
    {
        Assert.NotEmpty(tokens.Minted);
        foreach (var token in tokens.Minted)
        {
            Assert.DoesNotContain(token.Split('.')[1], message, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Split('.')[2], message, StringComparison.Ordinal);
        }
        Assert.DoesNotContain("eyJ", message, StringComparison.Ordinal);
    }
}
