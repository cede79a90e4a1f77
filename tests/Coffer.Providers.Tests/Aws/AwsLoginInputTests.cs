using Coffer.Language;
using Coffer.Language.Hosting;
using Coffer.Providers.Oidc;
using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Aws;

/// <summary><c>aws-login</c>'s static credentials, its inputs' checks, and failures of the token issuer.</summary>
[Collection(AwsCloudCollection.Name)]
public sealed class AwsLoginInputTests(AwsCloud cloud)
{
    [Fact]
    public async Task Static_credentials_pass_through_without_a_call_with_the_secret_parts_secret()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), """
            values:
              creds:
                fn::open::aws-login:
                  static:
                    accessKeyId: AKIAIOSFODNN7EXAMPLE
                    secretAccessKey: {fn::secret: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY}
            """);

        Assert.Empty(result.Diagnostics);
        var creds = result.Value!["creds"]!;
        Assert.Equal("""{"accessKeyId":"AKIAIOSFODNN7EXAMPLE","secretAccessKey":"[secret]"}""", creds.ToJson());
        Assert.Equal("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", creds["secretAccessKey"]!.AsString);
        Assert.Null(creds["sessionToken"]);
    }

    [Fact]
    public async Task A_secret_access_key_id_stays_secret()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), """
            values:
              creds:
                fn::open::aws-login:
                  static: {accessKeyId: {fn::secret: AKIAIOSFODNN7EXAMPLE}, secretAccessKey: {fn::secret: x}, sessionToken: t}
            """);

        Assert.True(result.Value!["creds"]!["accessKeyId"]!.IsSecret);
        Assert.True(result.Value["creds"]!["sessionToken"]!.IsSecret);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{static: {accessKeyId: a, secretAccessKey: b}, oidc: {roleArn: \"arn:aws:iam::111122223333:role/r\", sessionName: s1}}")]
    [InlineData("{oidc: {roleArn: \"arn:aws:iam::111122223333:role/r\", sessionName: \"has space\"}}")]
    [InlineData("{oidc: {roleArn: short, sessionName: ok-name}}")]
    [InlineData("{oidc: {roleArn: \"arn:aws:iam::111122223333:role/r\", sessionName: ok-name, duration: 1d}}")]
    [InlineData("{oidc: {roleArn: \"arn:aws:iam::111122223333:role/r\", sessionName: ok-name, subjectAttributes: [anything.i.like]}}")]
    public async Task Inputs_the_schema_refuses_are_reported_while_checking_without_a_call(string inputs)
    {
        var tokens = cloud.Tokens();
        var evaluator = new EnvironmentEvaluator(cloud.Providers(tokens));
        var definition = evaluator.Parse("payments/prod", $"values:\n  creds:\n    fn::open::aws-login: {inputs}\n");

        var result = await evaluator.EvaluateAsync(definition, new EvaluationOptions { Mode = EvaluationMode.Check });

        Assert.True(result.HasErrors, $"{inputs} gave no error");
        Assert.All(result.Diagnostics, d => Assert.StartsWith("values.creds", d.Path, StringComparison.Ordinal));
        Assert.Empty(tokens.Requests);
    }

    [Fact]
    public async Task A_duration_outside_what_sts_allows_is_refused_before_a_token_is_minted()
    {
        var tokens = cloud.Tokens();

        var result = await Evaluate.OpenAsync(cloud.Providers(tokens), $$"""
            values:
              creds:
                fn::open::aws-login:
                  oidc: {roleArn: "{{AwsCloud.PaymentsRole}}", sessionName: s1, duration: 5m}
            """);

        Assert.Equal("aws-login: oidc.duration must be between 15m and 12h", Evaluate.SingleError(result).Summary);
        Assert.Empty(tokens.Requests);
    }

    [Fact]
    public async Task A_misspelt_input_is_an_error_naming_the_inputs_there_are()
    {
        var tokens = cloud.Tokens();

        var result = await Evaluate.OpenAsync(cloud.Providers(tokens), $$"""
            values:
              creds:
                fn::open::aws-login:
                  oidc: {roleArn: "{{AwsCloud.PaymentsRole}}", sessionName: s1, durration: 1h}
            """);

        var error = Evaluate.SingleError(result);
        Assert.Equal("values.creds", error.Path);
        Assert.Equal("aws-login: unknown input oidc.durration; expected one of roleArn, sessionName, duration, policyArns, subjectAttributes", error.Summary);
        Assert.Empty(tokens.Requests);
    }

    [Fact]
    public async Task A_reference_to_an_output_that_does_not_exist_is_an_error()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), """
            values:
              creds:
                fn::open::aws-login:
                  static: {accessKeyId: AKIAIOSFODNN7EXAMPLE, secretAccessKey: {fn::secret: x}}
              key: ${creds.accessKeyID}
            """);

        Assert.Contains("unknown property \"accessKeyID\"", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_issuer_refusal_is_reported_with_its_reason()
    {
        var providers = CofferProviders.Create(new CofferProviderOptions { IdentityTokens = new FailingIssuer(new ProviderException("cannot run in an unsaved environment document")) });

        var result = await Evaluate.OpenAsync(providers, Oidc);

        Assert.Equal("aws-login: no identity token: cannot run in an unsaved environment document", Evaluate.SingleError(result).Summary);
    }

    [Fact]
    public async Task An_issuer_failure_is_reported_without_its_details()
    {
        var providers = CofferProviders.Create(new CofferProviderOptions { IdentityTokens = new FailingIssuer(new InvalidOperationException("key file /keys/oidc.pem unreadable")) });

        var result = await Evaluate.OpenAsync(providers, Oidc);

        Assert.Equal("aws-login: the identity token could not be issued", Evaluate.SingleError(result).Summary);
    }

    private const string Oidc = $$"""
        values:
          creds:
            fn::open::aws-login:
              oidc: {roleArn: "{{AwsCloud.PaymentsRole}}", sessionName: s2}
        """;

    private sealed class FailingIssuer(Exception failure) : IWorkloadIdentityTokens
    {
        public ValueTask<string> MintAsync(WorkloadIdentityRequest request, ProviderContext context, CancellationToken cancellationToken) =>
            ValueTask.FromException<string>(failure);
    }
}
