using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Aws;

/// <summary><c>aws-parameter-store</c> against the emulated Parameter Store, logged in with OIDC.</summary>
[Collection(AwsCloudCollection.Name)]
public sealed class ParameterStoreTests(AwsCloud cloud)
{
    private static string Definition(string get) => $$"""
        values:
          aws:
            fn::open::aws-login:
              oidc: {roleArn: "{{AwsCloud.PaymentsRole}}", sessionName: params, duration: 1h}
          params:
            fn::open::aws-parameter-store:
              region: {{AwsCloud.Region}}
              login: ${aws}
              get:
        {{get}}
        """;

    [Fact]
    public async Task Strings_lists_and_decrypted_secure_strings_come_back_secret()
    {
        cloud.ParameterStore.Put("/ps/url", "String", "https://db.internal");
        cloud.ParameterStore.Put("/ps/hosts", "StringList", "a.internal,b.internal");
        cloud.ParameterStore.Put("/ps/password", "SecureString", "s3cure");

        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition("""
                    url: {name: /ps/url}
                    hosts: {name: /ps/hosts}
                    password: {name: /ps/password, decrypt: true}
            """));

        Assert.Empty(result.Diagnostics);
        var values = result.Value!["params"]!;
        Assert.Equal("https://db.internal", values["url"]!.AsString);
        Assert.Equal(["a.internal", "b.internal"], values["hosts"]!.Items.Select(i => i.AsString));
        Assert.Equal("s3cure", values["password"]!.AsString);
        Assert.All(values.Properties.Values, v => Assert.True(v.IsSecret));
    }

    [Fact]
    public async Task A_secure_string_not_asked_to_be_decrypted_is_its_ciphertext()
    {
        cloud.ParameterStore.Put("/ps/encrypted", "SecureString", "plain");

        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition("        raw: {name: /ps/encrypted}"));

        Assert.Empty(result.Diagnostics);
        Assert.NotEqual("plain", result.Value!["params"]!["raw"]!.AsString);
        Assert.Contains(cloud.ParameterStore.Requests, r => r.Names.Contains("/ps/encrypted") && !r.WithDecryption);
    }

    [Fact]
    public async Task Versions_and_labels_select_a_parameters_value()
    {
        cloud.ParameterStore.Put("/ps/flag", "String", "v1", "stable");
        cloud.ParameterStore.Put("/ps/flag", "String", "v2");

        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition("""
                    latest: {name: /ps/flag}
                    first: {name: "/ps/flag:1"}
                    stable: {name: "/ps/flag:stable"}
                    byArn: {name: "arn:aws:ssm:us-east-1:111122223333:parameter/ps/flag:1"}
            """));

        Assert.Empty(result.Diagnostics);
        var values = result.Value!["params"]!;
        Assert.Equal("v2", values["latest"]!.AsString);
        Assert.Equal("v1", values["first"]!.AsString);
        Assert.Equal("v1", values["stable"]!.AsString);
        Assert.Equal("v1", values["byArn"]!.AsString);
    }

    [Fact]
    public async Task Names_are_fetched_ten_at_a_time_grouped_by_decryption()
    {
        var get = string.Join('\n', Enumerable.Range(0, 12).Select(i =>
        {
            cloud.ParameterStore.Put($"/ps/batch/{i}", "SecureString", $"value-{i}");
            return $"        p{i}: {{name: /ps/batch/{i}, decrypt: {(i % 4 == 0 ? "false" : "true")}}}";
        }));

        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition(get));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("value-5", result.Value!["params"]!["p5"]!.AsString);
        var batches = cloud.ParameterStore.Requests.Where(r => r.Names.Any(n => n.StartsWith("/ps/batch/", StringComparison.Ordinal))).ToList();
        Assert.Equal(2, batches.Count);
        Assert.Equal(9, batches.Single(b => b.WithDecryption).Names.Count);
        Assert.Equal(3, batches.Single(b => !b.WithDecryption).Names.Count);
    }

    [Fact]
    public async Task Unknown_parameters_are_named_in_the_error()
    {
        cloud.ParameterStore.Put("/ps/known", "String", "here");

        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition("""
                    known: {name: /ps/known}
                    gone: {name: /ps/gone}
                    old: {name: "/ps/known:7"}
            """));

        var error = Evaluate.SingleError(result);
        Assert.Equal("values.params", error.Path);
        Assert.Equal("aws-parameter-store: SSM GetParameters found no parameter \"/ps/gone\", \"/ps/known:7\"", error.Summary);
    }

    [Fact]
    public async Task Throttling_is_retried()
    {
        cloud.ParameterStore.Put("/ps/throttled", "String", "ok");
        cloud.ParameterStore.Faults.Throttle("/ps/throttled", 1);

        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition("        t: {name: /ps/throttled}"));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("ok", result.Value!["params"]!["t"]!.AsString);
        Assert.Equal(2, cloud.ParameterStore.Faults.Requests("/ps/throttled"));
    }
}
