using Coffer.Emulators;

namespace Coffer.Cli.Tests.Remote;

/// <summary>
/// <c>coffer run</c> of a stored environment that logs in to AWS and reads from Secrets Manager: the
/// child gets the credentials and the secret as variables, while <c>coffer env get</c>
/// never shows them. The server process is pointed at the emulator the way an operator points it at a VPC
/// endpoint, with <c>AWS_ENDPOINT_URL_SECRETS_MANAGER</c>; the emulator checks every request's
/// SigV4 signature against the credentials it issued.
/// </summary>
public sealed class AwsRunTests : IAsyncLifetime, IDisposable
{
    private const string Region = "us-east-1";
    private const string DatabasePassword = "aws-run-db-password";

    private readonly AwsCredentialStore _credentials = new();
    private SecretsManagerEmulator _secretsManager = null!;
    private CofferServer _server = null!;
    private RemoteUser _user = null!;

    public async Task InitializeAsync()
    {
        _secretsManager = await SecretsManagerEmulator.StartAsync(_credentials, Region);
        _secretsManager.Add("payments/db", DatabasePassword);
        _server = new CofferServer(new Dictionary<string, string> { ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = _secretsManager.Endpoint.ToString() });
        await _server.InitializeAsync();
        _user = new RemoteUser(_server).AsAdmin();
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _secretsManager.DisposeAsync();
    }

    public void Dispose() => _user?.Dispose();

    [Fact]
    public async Task Run_gives_the_child_aws_credentials_and_a_secret_that_env_get_never_shows()
    {
        var key = _credentials.AddUserKey();
        var name = $"{RemoteUser.UniqueProject("aws")}/app";
        _user.Write("app.yaml", $$"""
            values:
              aws:
                creds:
                  fn::open::aws-login:
                    static:
                      accessKeyId: {{key.AccessKeyId}}
                      secretAccessKey:
                        fn::secret: {{key.SecretAccessKey}}
                secrets:
                  fn::open::aws-secrets:
                    region: {{Region}}
                    login: ${aws.creds}
                    get:
                      db:
                        secretId: payments/db
              environmentVariables:
                AWS_ACCESS_KEY_ID: ${aws.creds.accessKeyId}
                AWS_SECRET_ACCESS_KEY: ${aws.creds.secretAccessKey}
                DB_PASSWORD: ${aws.secrets.db}
            """ + "\n");
        var created = await _user.RunAsync("env", "init", name, "--file", "app.yaml");
        Assert.True(created.ExitCode == 0, created.ToString());

        var run = await _user.RunAsync("run", name, "--", "printenv", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "DB_PASSWORD");
        var shown = await _user.RunAsync("env", "get", name);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"{key.AccessKeyId}\n{key.SecretAccessKey}\n{DatabasePassword}\n", run.Stdout);
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.DoesNotContain(DatabasePassword, shown.Stdout + shown.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(key.SecretAccessKey, shown.Stdout + shown.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_given_a_malformed_endpoint_variable_refuses_to_start_with_one_line()
    {
        var server = new CofferServer(new Dictionary<string, string> { ["AWS_ENDPOINT_URL_SECRETS_MANAGER"] = "not a url" });
        var error = await Assert.ThrowsAsync<InvalidOperationException>(server.InitializeAsync);
        await server.DisposeAsync();
        Assert.Contains("AWS_ENDPOINT_URL_SECRETS_MANAGER must be an http or https URL", error.Message, StringComparison.Ordinal);
    }
}
