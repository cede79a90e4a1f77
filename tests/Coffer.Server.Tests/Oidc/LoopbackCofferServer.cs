using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Coffer.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tests.Oidc;

/// <summary>
/// A real Coffer server on 127.0.0.1 and a free port, built by <see cref="ServerApplication"/> as
/// <c>coffer-server</c> builds it, with a client holding the bootstrap administrator's token.
/// </summary>
public sealed class LoopbackCofferServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackCofferServer(WebApplication app, Uri baseAddress, string adminToken)
    {
        _app = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", adminToken);
        Anonymous = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>The bootstrap organization.</summary>
    public const string Organization = "acme";

    public Uri BaseAddress { get; }

    /// <summary>Sends the administrator's token.</summary>
    public HttpClient Client { get; }

    /// <summary>Sends no token.</summary>
    public HttpClient Anonymous { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<LoopbackCofferServer> StartAsync(string dataDirectory, string database = "sqlite", string? issuerUrl = null, Action<IServiceCollection>? configure = null)
    {
        var options = new ServerOptions
        {
            DataDirectory = dataDirectory,
            Database = database,
            Urls = "http://127.0.0.1:0",
            BootstrapOrganization = Organization,
            IssuerUrl = issuerUrl,
        };
        var app = await ServerApplication.CreateAsync(options, services =>
        {
            services.AddLogging(logging => logging.ClearProviders());
            configure?.Invoke(services);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var token = (await File.ReadAllTextAsync(Path.Combine(dataDirectory, Bootstrap.TokenFileName))).Trim();
        return new LoopbackCofferServer(app, new Uri(address.TrimEnd('/') + "/"), token);
    }

    /// <summary>Creates <paramref name="project"/>/<paramref name="name"/> with this definition.</summary>
    public async Task CreateEnvironmentAsync(string project, string name, string yaml)
    {
        (await Client.PostAsync($"api/esc/environments/{Organization}", new StringContent(JsonSerializer.Serialize(new { project, name }), Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        using var update = new HttpRequestMessage(HttpMethod.Patch, $"api/esc/environments/{Organization}/{project}/{name}") { Content = new StringContent(yaml, Encoding.UTF8, "application/x-yaml") };
        var response = await Client.SendAsync(update);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Opens an environment; the session's JSON on success, the error response otherwise.</summary>
    public async Task<(bool Opened, JsonElement Body)> OpenAsync(string project, string name)
    {
        var open = await Client.PostAsync($"api/esc/environments/{Organization}/{project}/{name}/open", null);
        var body = JsonDocument.Parse(await open.Content.ReadAsStringAsync()).RootElement;
        if (!open.IsSuccessStatusCode)
        {
            return (false, body);
        }
        var id = body.GetProperty("id").GetString();
        var session = await Client.GetAsync($"api/esc/environments/{Organization}/{project}/{name}/open/{id}");
        Assert.True(session.IsSuccessStatusCode, await session.Content.ReadAsStringAsync());
        return (true, JsonDocument.Parse(await session.Content.ReadAsStringAsync()).RootElement);
    }

    public async Task<JsonElement> GetJsonAsync(string path, bool anonymous = true)
    {
        var response = await (anonymous ? Anonymous : Client).GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Anonymous.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
