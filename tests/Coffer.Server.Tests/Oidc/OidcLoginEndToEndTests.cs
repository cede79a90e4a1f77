using System.Net;
using System.Text;
using System.Text.Json;

namespace Coffer.Server.Tests.Oidc;

/// <summary>
/// The whole path through the REST API: an environment logs in to AWS with a token from the server's
/// issuer (STS checks it against the JWKS it fetches from the running server) and reads a secret
/// from Secrets Manager with the credentials it got.
/// </summary>
public sealed class OidcLoginEndToEndTests(AwsAccountTrustingCoffer aws) : IClassFixture<AwsAccountTrustingCoffer>
{
    private const string Login = """
        values:
          aws:
            creds:
              fn::open::aws-login:
                oidc:
                  roleArn: ROLE
                  sessionName: coffer-tests
                  duration: 1h
        """;

    private const string Secrets = """
        imports:
          - payments/creds
        values:
          aws:
            secrets:
              fn::open::aws-secrets:
                region: us-east-1
                login: ${aws.creds}
                get:
                  db:
                    secretId: payments/db
          environmentVariables:
            AWS_ACCESS_KEY_ID: ${aws.creds.accessKeyId}
            AWS_SECRET_ACCESS_KEY: ${aws.creds.secretAccessKey}
            DB_PASSWORD: ${aws.secrets.db}
        """;

    private LoopbackCofferServer Server => aws.Server;

    [Fact]
    public async Task Opening_logs_in_with_a_coffer_token_and_reads_the_secret_with_the_credentials_STS_issued()
    {
        await Server.CreateEnvironmentAsync("payments", "creds", Login.Replace("ROLE", AwsAccountTrustingCoffer.PaymentsRole, StringComparison.Ordinal));
        await Server.CreateEnvironmentAsync("payments", "prod", Secrets);

        var (opened, session) = await Server.OpenAsync("payments", "prod");

        Assert.True(opened, session.GetRawText());
        // STS found the keys where the token's issuer says: on the running server, over HTTP.
        Assert.Equal(Server.BaseAddress + "oidc", aws.Issuer);
        var assumed = aws.Sts.Assumed.Last(a => a.RoleArn == AwsAccountTrustingCoffer.PaymentsRole);
        Assert.Equal("pulumi:environments:org:acme:env:payments/creds", assumed.Subject);
        Assert.Equal("aws:acme", assumed.Audience);
        var awsValue = Value(session, "aws");
        var creds = Value(awsValue, "creds");
        AssertValue(creds, "accessKeyId", assumed.Credentials.AccessKeyId, secret: false);
        AssertValue(creds, "secretAccessKey", assumed.Credentials.SecretAccessKey, secret: true);
        AssertValue(creds, "sessionToken", assumed.Credentials.SessionToken!, secret: true);
        AssertValue(Value(awsValue, "secrets"), "db", AwsAccountTrustingCoffer.DatabaseSecret, secret: true);
        var variables = Value(session, "environmentVariables");
        AssertValue(variables, "AWS_SECRET_ACCESS_KEY", assumed.Credentials.SecretAccessKey, secret: true);
        AssertValue(variables, "DB_PASSWORD", AwsAccountTrustingCoffer.DatabaseSecret, secret: true);
    }

    [Fact]
    public async Task Checking_a_document_calls_no_provider_and_shows_no_credential_or_secret()
    {
        await Server.CreateEnvironmentAsync("payments", "checked-creds", Login.Replace("ROLE", AwsAccountTrustingCoffer.PaymentsRole, StringComparison.Ordinal));
        var calls = aws.Sts.Assumed.Count;

        var response = await Server.Client.PostAsync(
            "api/esc/environments/acme/yaml/check",
            new StringContent(Secrets.Replace("payments/creds", "payments/checked-creds", StringComparison.Ordinal), Encoding.UTF8, "application/x-yaml"));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(calls, aws.Sts.Assumed.Count);
        Assert.DoesNotContain(AwsAccountTrustingCoffer.DatabaseSecret, body, StringComparison.Ordinal);
        Assert.DoesNotContain(aws.Sts.Assumed.Select(a => a.Credentials.SecretAccessKey), secret => body.Contains(secret, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("wrong-audience", AwsAccountTrustingCoffer.OtherAudienceRole)]
    [InlineData("wrong-subject", AwsAccountTrustingCoffer.BillingRole)]
    public async Task A_role_that_does_not_trust_the_token_gives_a_diagnostic_without_token_or_secrets(string name, string role)
    {
        await Server.CreateEnvironmentAsync("payments", name, Login.Replace("ROLE", role, StringComparison.Ordinal));

        var (opened, error) = await Server.OpenAsync("payments", name);

        Assert.False(opened);
        var text = error.GetRawText();
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Contains($"STS AssumeRoleWithWebIdentity for role \\u0022{role}\\u0022 failed: AccessDenied", text, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", text, StringComparison.Ordinal);
        Assert.DoesNotContain(AwsAccountTrustingCoffer.DatabaseSecret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subject_attributes_let_a_role_trust_one_root_environment_and_one_user()
    {
        await Server.CreateEnvironmentAsync("ops", "admin-creds", """
            values:
              aws:
                creds:
                  fn::open::aws-login:
                    oidc:
                      roleArn: ROLE
                      sessionName: coffer-tests
                      duration: 1h
                      subjectAttributes: [rootEnvironment.name, pulumi.user.login]
            """.Replace("ROLE", AwsAccountTrustingCoffer.AttributesRole, StringComparison.Ordinal));
        await Server.CreateEnvironmentAsync("ops", "prod", "imports: [ops/admin-creds]\n");
        await Server.CreateEnvironmentAsync("ops", "elsewhere", "imports: [ops/admin-creds]\n");

        var (openedProd, session) = await Server.OpenAsync("ops", "prod");
        var (openedElsewhere, error) = await Server.OpenAsync("ops", "elsewhere");

        Assert.True(openedProd, session.GetRawText());
        Assert.Contains(aws.Sts.Assumed, a => a.Subject == "pulumi:environments:pulumi.organization.login:acme:rootEnvironment.name:ops/prod:pulumi.user.login:admin");
        Assert.False(openedElsewhere);
        Assert.Contains("AccessDenied", error.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_mint_is_logged_and_no_log_holds_a_token_or_a_secret()
    {
        await Server.CreateEnvironmentAsync("payments", "logged", Login.Replace("ROLE", AwsAccountTrustingCoffer.PaymentsRole, StringComparison.Ordinal));

        var (opened, _) = await Server.OpenAsync("payments", "logged");

        Assert.True(opened);
        var assumed = aws.Sts.Assumed.Last(a => a.Subject.EndsWith("payments/logged", StringComparison.Ordinal));
        Assert.Contains(aws.Logs.Messages, m => m.Contains("Issued OIDC token", StringComparison.Ordinal) && m.Contains("payments/logged", StringComparison.Ordinal));
        Assert.DoesNotContain(aws.Logs.Messages, m => m.Contains("eyJ", StringComparison.Ordinal)
            || m.Contains(assumed.Credentials.SecretAccessKey, StringComparison.Ordinal)
            || m.Contains(AwsAccountTrustingCoffer.DatabaseSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_mint_is_in_the_audit_log_with_subject_audience_environment_and_lifetime_but_not_the_token()
    {
        await Server.CreateEnvironmentAsync("payments", "audited", Login.Replace("ROLE", AwsAccountTrustingCoffer.PaymentsRole, StringComparison.Ordinal));

        var (opened, _) = await Server.OpenAsync("payments", "audited");

        Assert.True(opened);
        var export = await Server.Client.GetStringAsync($"api/orgs/{LoopbackCofferServer.Organization}/audit/export?environment=payments/audited&action=oidc.token_minted");
        var minted = JsonDocument.Parse(Assert.Single(export.Split('\n', StringSplitOptions.RemoveEmptyEntries))).RootElement;
        var details = minted.GetProperty("details");
        Assert.Equal("pulumi:environments:org:acme:env:payments/audited", details.GetProperty("subject").GetString());
        Assert.Equal("aws:acme", details.GetProperty("audience").GetString());
        Assert.Equal("payments/audited", details.GetProperty("environment").GetString());
        Assert.Equal(300, details.GetProperty("lifetimeSeconds").GetInt32());
        Assert.Equal("aws-login", details.GetProperty("provider").GetString());
        Assert.Equal("success", minted.GetProperty("outcome").GetString());
        Assert.DoesNotContain("eyJ", export, StringComparison.Ordinal);
        // Recorded with the open that carried it, in the same transaction: the open follows it directly.
        var open = await Server.Client.GetStringAsync($"api/orgs/{LoopbackCofferServer.Organization}/audit/export?environment=payments/audited&action=environment.open");
        var openSequence = JsonDocument.Parse(open.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single()).RootElement.GetProperty("sequence").GetInt64();
        Assert.Equal(openSequence + 1, minted.GetProperty("sequence").GetInt64());
    }

    private static JsonElement Value(JsonElement session, string name) =>
        (session.TryGetProperty("properties", out var properties) ? properties : session.GetProperty("value")).GetProperty(name);

    private static void AssertValue(JsonElement container, string name, string expected, bool secret)
    {
        var value = container.GetProperty("value").GetProperty(name);
        Assert.Equal(expected, value.GetProperty("value").GetString());
        Assert.Equal(secret, value.TryGetProperty("secret", out var flag) && flag.GetBoolean());
    }
}
