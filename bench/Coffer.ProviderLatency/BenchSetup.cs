using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coffer.Emulators;
using Coffer.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.ProviderLatency;

/// <summary>
/// A real Coffer server on loopback (SQLite in a temporary folder) and an emulated Vault whose every
/// answer is delayed, with one stored environment, <c>bench/vault-open</c>, that makes
/// <see cref="Calls"/> independent <c>fn::open::vault-secrets</c> calls of one read each.
/// </summary>
internal sealed class BenchSetup : IAsyncDisposable
{
    public const string Organization = "default";
    public const string Environment = "bench/vault-open";

    private readonly string _dataDirectory;
    private readonly WebApplication _server;

    private BenchSetup(string dataDirectory, WebApplication server, VaultEmulator vault, HttpClient client, int calls)
    {
        _dataDirectory = dataDirectory;
        _server = server;
        Vault = vault;
        Client = client;
        Calls = calls;
    }

    public VaultEmulator Vault { get; }

    /// <summary>Holds the bootstrap administrator's token.</summary>
    public HttpClient Client { get; }

    public int Calls { get; }

    public static async Task<BenchSetup> StartAsync(int calls, TimeSpan delay)
    {
        var vault = await VaultEmulator.StartAsync();
        vault.EnableKv("secret", 2);
        vault.AddPolicy("bench", new Dictionary<string, string[]> { ["secret/data/bench/*"] = ["read"] });
        for (var i = 0; i < calls; i++)
        {
            vault.PutSecret("secret", $"bench/s{i}", new Dictionary<string, object> { ["value"] = $"value-{i}" });
        }
        var token = vault.CreateToken(["bench"], TimeSpan.FromHours(12));
        vault.ResponseDelay = delay;

        var dataDirectory = Path.Combine(Path.GetTempPath(), "coffer-provider-latency-" + Guid.NewGuid().ToString("N")[..8]);
        var server = await ServerApplication.CreateAsync(
            new ServerOptions { DataDirectory = dataDirectory, Urls = "http://127.0.0.1:0", BootstrapOrganization = Organization },
            services => services.AddLogging(logging => logging.ClearProviders()));
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var adminToken = (await File.ReadAllTextAsync(Path.Combine(dataDirectory, Bootstrap.TokenFileName))).Trim();
        var client = new HttpClient { BaseAddress = new Uri(address.TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", adminToken);

        var setup = new BenchSetup(dataDirectory, server, vault, client, calls);
        await setup.CreateEnvironmentAsync(Definition(vault.Address, token, calls));
        return setup;
    }

    /// <summary>The environment: a static Vault login and <paramref name="calls"/> reads, each its own <c>fn::open</c>.</summary>
    public static string Definition(string address, string token, int calls)
    {
        var yaml = new StringBuilder($"values:\n  login:\n    address: {address}\n    token:\n      fn::secret: {token}\n");
        for (var i = 0; i < calls; i++)
        {
            yaml.Append($"  s{i}:\n    fn::open::vault-secrets:\n      login: ${{login}}\n      read:\n        v:\n          path: secret/data/bench/s{i}\n          field: data\n");
        }
        return yaml.ToString();
    }

    /// <summary>Opens the environment; returns the session id.</summary>
    public async Task<string> OpenAsync(CancellationToken cancellationToken = default)
    {
        using var response = await Client.PostAsync($"api/esc/environments/{Organization}/{Environment}/open", null, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"open failed: {(int)response.StatusCode} {body}");
        }
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>Throws unless the session holds every value the reads should have returned.</summary>
    public async Task VerifySessionAsync(string id)
    {
        var body = await Client.GetStringAsync($"api/esc/environments/{Organization}/{Environment}/open/{id}");
        using var json = JsonDocument.Parse(body);
        var values = json.RootElement.GetProperty("properties");
        for (var i = 0; i < Calls; i++)
        {
            var value = values.GetProperty($"s{i}").GetProperty("value").GetProperty("v").GetProperty("value").GetProperty("value").GetProperty("value").GetString();
            if (value != $"value-{i}")
            {
                throw new InvalidOperationException($"s{i}.v.value should be value-{i} but is {value}");
            }
        }
    }

    private async Task CreateEnvironmentAsync(string yaml)
    {
        var (project, name) = (Environment.Split('/')[0], Environment.Split('/')[1]);
        (await Client.PostAsync($"api/esc/environments/{Organization}", new StringContent(JsonSerializer.Serialize(new { project, name }), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        using var update = new HttpRequestMessage(HttpMethod.Patch, $"api/esc/environments/{Organization}/{Environment}") { Content = new StringContent(yaml, Encoding.UTF8, "application/x-yaml") };
        using var response = await Client.SendAsync(update);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"storing the environment failed: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _server.StopAsync();
        await _server.DisposeAsync();
        await Vault.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}
