using System.Text.Json;
using Coffer.Emulators;

namespace Coffer.Cli.Tests.Remote;

/// <summary>
/// <c>coffer run</c> of a stored environment that logs in to Vault with the server's identity
/// token and reads a secret: the child process gets the secret as a variable. Vault trusts the
/// server's issuer and fetches its keys from the running server.
/// </summary>
public sealed class VaultRunTests(CofferServer server) : IClassFixture<CofferServer>, IAsyncLifetime, IDisposable
{
    private const string Password = "vault-run-password";

    private readonly RemoteUser _user = new RemoteUser(server).AsAdmin();
    private readonly string _project = RemoteUser.UniqueProject("vault");
    private VaultEmulator _vault = null!;

    public async Task InitializeAsync()
    {
        _vault = await VaultEmulator.StartAsync();
        using var http = new HttpClient();
        using var discovery = JsonDocument.Parse(await http.GetStringAsync(server.Url + "/oidc/.well-known/openid-configuration"));
        var issuer = discovery.RootElement.GetProperty("issuer").GetString()!;
        _vault.EnableJwtAuth("jwt", issuer, issuer);
        _vault.AddJwtRole("jwt", "cli", new VaultEmulator.JwtRole(
            ["default"],
            BoundClaims: new Dictionary<string, string[]> { ["sub"] = [$"pulumi:environments:org:default:env:{_project}/*"] },
            GlobClaims: true,
            TokenPolicies: ["reader"]));
        _vault.AddPolicy("reader", new Dictionary<string, string[]> { ["secret/data/app"] = ["read"] });
        _vault.EnableKv("secret", 2);
        _vault.PutSecret("secret", "app", new Dictionary<string, object> { ["password"] = Password });
    }

    public async Task DisposeAsync() => await _vault.DisposeAsync();

    public void Dispose() => _user.Dispose();

    [Fact]
    public async Task Run_gives_the_child_a_secret_read_from_Vault_with_a_jwt_login()
    {
        _user.Write("app.yaml", $$"""
            values:
              vault:
                fn::open::vault-login:
                  address: {{_vault.Address}}
                  jwt: {role: cli}
              kv:
                fn::open::vault-secrets:
                  login: ${vault}
                  read:
                    app: {path: secret/data/app, field: data}
              environmentVariables:
                DB_PASSWORD: ${kv.app.password}
            """ + "\n");
        var created = await _user.RunAsync("env", "init", $"{_project}/app", "--file", "app.yaml");
        Assert.True(created.ExitCode == 0, created.ToString());

        var result = await _user.RunAsync("run", $"{_project}/app", "--", "printenv", "DB_PASSWORD");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(Password + "\n", result.Stdout);
        Assert.Single(_vault.JwtLogins);
    }
}
