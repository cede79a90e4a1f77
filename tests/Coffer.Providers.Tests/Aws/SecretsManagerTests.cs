using Coffer.Providers.Http;
using Coffer.Emulators;
using Coffer.Providers.Tests.Support;

namespace Coffer.Providers.Tests.Aws;

/// <summary><c>aws-secrets</c> with static credentials, against the emulated Secrets Manager.</summary>
[Collection(AwsCloudCollection.Name)]
public sealed class SecretsManagerTests(AwsCloud cloud)
{
    private static string Definition(string accessKeyId, string secretAccessKey, string get, string sessionToken = "") => $$"""
        values:
          aws:
            login:
              fn::open::aws-login:
                static:
                  accessKeyId: {{accessKeyId}}
                  secretAccessKey: {fn::secret: "{{secretAccessKey}}"}{{(sessionToken.Length == 0 ? "" : $"\n          sessionToken: {{fn::secret: \"{sessionToken}\"}}")}}
          app:
            fn::open::aws-secrets:
              region: {{AwsCloud.Region}}
              login: ${aws.login}
              get:
        {{get}}
        """;

    private string UserDefinition(string get)
    {
        var key = cloud.Credentials.AddUserKey();
        return Definition(key.AccessKeyId, key.SecretAccessKey, get);
    }

    private static string Get(string key, string secretId, string extra = "") => $"        {key}:\n          secretId: {secretId}{extra}";

    [Fact]
    public async Task Several_secrets_come_back_by_their_keys_all_secret()
    {
        cloud.SecretsManager.Add("app/a", "alpha");
        var arn = cloud.SecretsManager.Add("app/b", "bravo");

        var result = await Evaluate.OpenAsync(cloud.Providers(), UserDefinition(Get("first", "app/a") + "\n" + Get("second", arn)));

        Assert.Empty(result.Diagnostics);
        var app = result.Value!["app"]!;
        Assert.Equal("alpha", app["first"]!.AsString);
        Assert.Equal("bravo", app["second"]!.AsString);
        Assert.All(app.Properties.Values, v => Assert.True(v.IsSecret));
    }

    [Fact]
    public async Task A_json_secret_is_text_that_fn_fromJSON_unpacks_and_it_stays_secret()
    {
        cloud.SecretsManager.Add("app/json", """{"username":"app","password":"pa55"}""");
        var yaml = UserDefinition(Get("db", "app/json")) + "\n  db:\n    fn::fromJSON: ${app.db}\n";

        var result = await Evaluate.OpenAsync(cloud.Providers(), yaml);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("""{"username":"app","password":"pa55"}""", result.Value!["app"]!["db"]!.AsString);
        var password = result.Value["db"]!["password"]!;
        Assert.Equal("pa55", password.AsString);
        Assert.True(password.IsSecret);
    }

    [Fact]
    public async Task A_version_stage_selects_an_older_version()
    {
        cloud.SecretsManager.Add("app/staged", "new", new SecretsManagerEmulator.SecretVersion("0123456789abcdef0123456789abcdef", "old", null, ["AWSPREVIOUS"]));

        var result = await Evaluate.OpenAsync(cloud.Providers(), UserDefinition(
            Get("current", "app/staged") + "\n" + Get("previous", "app/staged", "\n          versionStage: AWSPREVIOUS") + "\n" + Get("byId", "app/staged", "\n          versionId: 0123456789abcdef0123456789abcdef")));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("new", result.Value!["app"]!["current"]!.AsString);
        Assert.Equal("old", result.Value["app"]!["previous"]!.AsString);
        Assert.Equal("old", result.Value["app"]!["byId"]!.AsString);
    }

    [Fact]
    public async Task A_binary_secret_is_its_base64()
    {
        cloud.SecretsManager.AddBinary("app/binary", [1, 2, 3, 250]);

        var result = await Evaluate.OpenAsync(cloud.Providers(), UserDefinition(Get("blob", "app/binary")));

        Assert.Equal(Convert.ToBase64String([1, 2, 3, 250]), result.Value!["app"]!["blob"]!.AsString);
    }

    [Fact]
    public async Task Static_session_credentials_sign_with_their_token()
    {
        cloud.SecretsManager.Add("app/session", "via-session");
        var session = cloud.Credentials.IssueSession(TimeSpan.FromMinutes(30));

        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition(session.AccessKeyId, session.SecretAccessKey, Get("s", "app/session"), session.SessionToken!));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("via-session", result.Value!["app"]!["s"]!.AsString);
        Assert.True(result.Value["aws"]!["login"]!["sessionToken"]!.IsSecret);
    }

    [Fact]
    public async Task A_wrong_secret_key_is_a_bad_signature_and_the_message_holds_no_credential()
    {
        cloud.SecretsManager.Add("app/bad-signature", "never");
        var session = cloud.Credentials.IssueSession(TimeSpan.FromMinutes(30));
        const string wrongKey = "wrongSecretAccessKeyWrongSecretAccessKey";

        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition(session.AccessKeyId, wrongKey, Get("s", "app/bad-signature"), session.SessionToken!));

        var error = Evaluate.SingleError(result);
        Assert.Equal("values.app", error.Path);
        Assert.StartsWith("aws-secrets: Secrets Manager GetSecretValue of \"app/bad-signature\" failed: InvalidSignatureException: The request signature we calculated does not match", error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(wrongKey, error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(session.SecretAccessKey, error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(session.SessionToken!, error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain(result.Diagnostics, d => d.Summary.Contains("never", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_session_token_that_is_not_the_sessions_is_refused()
    {
        var session = cloud.Credentials.IssueSession(TimeSpan.FromMinutes(30));

        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition(session.AccessKeyId, session.SecretAccessKey, Get("s", "app/any"), "IQoJb3JpZ2luX2VjTamperedSessionToken"));

        var error = Evaluate.SingleError(result);
        Assert.Contains("UnrecognizedClientException", error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Tampered", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_access_key_is_an_unrecognized_client()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), Definition("AKIAUNKNOWNUNKNOWN00", "unknownSecretKeyUnknownSecretKey", Get("s", "app/whatever")));

        var error = Evaluate.SingleError(result);
        Assert.Equal("values.app", error.Path);
        Assert.Contains("UnrecognizedClientException: The security token included in the request is invalid.", error.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("unknownSecretKey", error.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_secret_is_reported_at_the_call()
    {
        var result = await Evaluate.OpenAsync(cloud.Providers(), UserDefinition(Get("missing", "app/does-not-exist")));

        var error = Evaluate.SingleError(result);
        Assert.Equal("values.app", error.Path);
        Assert.Equal("aws-secrets: Secrets Manager GetSecretValue of \"app/does-not-exist\" failed: ResourceNotFoundException: Secrets Manager can't find the specified secret.", error.Summary);
    }

    [Fact]
    public async Task Of_several_failures_the_first_entry_in_key_order_is_reported()
    {
        cloud.SecretsManager.Add("app/present", "here");

        var result = await Evaluate.OpenAsync(cloud.Providers(), UserDefinition(
            Get("a", "app/present") + "\n" + Get("b", "app/missing-b") + "\n" + Get("c", "app/missing-c")));

        Assert.Contains("\"app/missing-b\"", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Throttling_is_retried_until_the_secret_comes()
    {
        cloud.SecretsManager.Add("app/throttled", "patience");
        cloud.SecretsManager.Faults.Throttle("app/throttled", 2);

        var result = await Evaluate.OpenAsync(cloud.Providers(), UserDefinition(Get("s", "app/throttled")));

        Assert.Empty(result.Diagnostics);
        Assert.Equal("patience", result.Value!["app"]!["s"]!.AsString);
        Assert.Equal(3, cloud.SecretsManager.Faults.Requests("app/throttled"));
    }

    [Fact]
    public async Task Server_errors_are_retried_too()
    {
        cloud.SecretsManager.Add("app/flaky", "eventually");
        cloud.SecretsManager.Faults.FailWithServerError("app/flaky", 1);

        var result = await Evaluate.OpenAsync(cloud.Providers(), UserDefinition(Get("s", "app/flaky")));

        Assert.Empty(result.Diagnostics);
        Assert.Equal(2, cloud.SecretsManager.Faults.Requests("app/flaky"));
    }

    [Fact]
    public async Task Retries_are_bounded_and_the_last_error_is_reported()
    {
        cloud.SecretsManager.Add("app/always-throttled", "never");
        cloud.SecretsManager.Faults.Throttle("app/always-throttled", 100);
        var calls = new RemoteCallOptions { MaxRetries = 2, RetryBaseDelay = TimeSpan.FromMilliseconds(10) };

        var result = await Evaluate.OpenAsync(cloud.Providers(calls: calls), UserDefinition(Get("s", "app/always-throttled")));

        Assert.Contains("failed: ThrottlingException: Rate exceeded", Evaluate.SingleError(result).Summary, StringComparison.Ordinal);
        Assert.Equal(3, cloud.SecretsManager.Faults.Requests("app/always-throttled"));
    }

    [Fact]
    public async Task A_service_that_does_not_answer_in_time_is_a_timeout_after_a_retry()
    {
        cloud.SecretsManager.Add("app/slow", "late");
        cloud.SecretsManager.Faults.Delay("app/slow", TimeSpan.FromSeconds(30));
        var calls = new RemoteCallOptions { AttemptTimeout = TimeSpan.FromMilliseconds(500), TotalTimeout = TimeSpan.FromSeconds(5), MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) };
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var result = await Evaluate.OpenAsync(cloud.Providers(calls: calls), UserDefinition(Get("s", "app/slow")));

        var error = Evaluate.SingleError(result);
        Assert.Equal("values.app", error.Path);
        Assert.Equal("aws-secrets: Secrets Manager GetSecretValue of \"app/slow\" failed: timed out: no answer within 500 ms", error.Summary);
        // Two attempts of 500 ms each: the timed-out attempt was retried once, and no more.
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task Cancelling_the_evaluation_abandons_the_request()
    {
        cloud.SecretsManager.Add("app/cancelled", "late");
        cloud.SecretsManager.Faults.Delay("app/cancelled", TimeSpan.FromSeconds(30));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var started = DateTime.UtcNow;

        var result = await Evaluate.OpenAsync(cloud.Providers(), UserDefinition(Get("s", "app/cancelled")), cancellationToken: cancellation.Token);

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        var error = Evaluate.SingleError(result);
        Assert.Equal("values.app", error.Path);
        Assert.Equal("the evaluation was cancelled", error.Summary);
        Assert.Equal(1, cloud.SecretsManager.Faults.Requests("app/cancelled"));
    }

    [Fact]
    public async Task A_region_that_is_not_a_region_name_is_refused_before_any_call()
    {
        var yaml = UserDefinition(Get("s", "app/x")).Replace($"region: {AwsCloud.Region}", "region: attacker.example/", StringComparison.Ordinal);

        var result = await Evaluate.OpenAsync(cloud.Providers(), yaml);

        Assert.Equal("values.app[\"fn::open::aws-secrets\"].region", Evaluate.SingleError(result).Path);
        Assert.Equal(0, cloud.SecretsManager.Faults.Requests("app/x"));
    }
}
