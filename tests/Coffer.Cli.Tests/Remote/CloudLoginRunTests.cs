namespace Coffer.Cli.Tests.Remote;

/// <summary>
/// coffer run with the Azure and Google Cloud login providers, opened by a real server process. The
/// static forms call no cloud, so the path from stored definition to the child's environment is
/// tested without reaching the internet; the OIDC forms are tested against emulators in the server tests.
/// </summary>
public sealed class CloudLoginRunTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private readonly RemoteUser _user = new RemoteUser(server).AsAdmin();
    private readonly string _project = RemoteUser.UniqueProject("clouds");

    public void Dispose() => _user.Dispose();

    private async Task<string> CreateLoginsAsync()
    {
        _user.Write("logins.yaml", """
            values:
              azure:
                fn::open::azure-login:
                  clientId: 11111111-2222-3333-4444-555555555555
                  tenantId: 72f988bf-86f1-41af-91ab-2d7cd011db47
                  clientSecret:
                    fn::secret: azure-client-secret-value
              gcp:
                fn::open::gcp-login:
                  project: 123456789012
                  accessToken:
                    accessToken:
                      fn::secret: ya29.static-google-token
              environmentVariables:
                ARM_CLIENT_ID: ${azure.clientId}
                ARM_CLIENT_SECRET: ${azure.clientSecret}
                GOOGLE_OAUTH_ACCESS_TOKEN: ${gcp.accessToken}
                GOOGLE_CLOUD_PROJECT_NUMBER: ${gcp.project}

            """);
        var result = await _user.RunAsync("env", "init", $"{_project}/logins", "--file", "logins.yaml");
        Assert.True(result.ExitCode == 0, result.ToString());
        return $"{_project}/logins";
    }

    [Fact]
    public async Task Run_gives_the_program_the_Azure_and_Google_Cloud_logins()
    {
        var name = await CreateLoginsAsync();

        var result = await _user.RunAsync("run", name, "--", "printenv", "ARM_CLIENT_ID", "ARM_CLIENT_SECRET", "GOOGLE_OAUTH_ACCESS_TOKEN", "GOOGLE_CLOUD_PROJECT_NUMBER");

        Scenario.Expect(result, 0, "11111111-2222-3333-4444-555555555555\nazure-client-secret-value\nya29.static-google-token\n123456789012\n");
    }

    [Fact]
    public async Task Run_with_mask_hides_the_client_secret_and_the_access_token()
    {
        var name = await CreateLoginsAsync();

        var result = await _user.RunAsync("run", name, "--mask", "--", "sh", "-c", "echo \"$ARM_CLIENT_SECRET $GOOGLE_OAUTH_ACCESS_TOKEN $ARM_CLIENT_ID\"");

        Scenario.Expect(result, 0, "[secret] [secret] 11111111-2222-3333-4444-555555555555\n");
    }
}
