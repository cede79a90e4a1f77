using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Coffer.LoadDriver;

/// <summary>The few API calls a load run makes, over one pooled HTTP/1.1 client.</summary>
internal sealed class BenchApi
{
    private readonly HttpClient _http;
    private readonly string _environments;

    public BenchApi(Uri baseAddress, string token, string organization, int connections)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(30),
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);
        Organization = organization;
        _environments = $"api/esc/environments/{organization}";
    }

    public string Organization { get; }

    public string EnvironmentPath(string name) => $"{_environments}/{BenchEnvironments.Project}/{name}";

    public async Task CreateAsync(string name)
    {
        using var response = await _http.PostAsync(_environments, Json(new { project = BenchEnvironments.Project, name }));
        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            await EnsureAsync(response);
        }
    }

    public Task<bool> UpdateAsync(string name, string yaml) =>
        SendAsync(HttpMethod.Patch, EnvironmentPath(name), new StringContent(yaml, Encoding.UTF8, "application/x-yaml"));

    /// <summary>Opens an environment; null when the server did not answer 200 with an id.</summary>
    public async Task<string?> OpenAsync(string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, EnvironmentPath(name) + "/open");
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return null;
        }
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return document.RootElement.GetProperty("id").GetString();
    }

    public Task<bool> ReadSessionAsync(string name, string id) => SendAsync(HttpMethod.Get, $"{EnvironmentPath(name)}/open/{id}", null);

    public async Task<byte[]> ReadBytesAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        await EnsureAsync(response);
        return await response.Content.ReadAsByteArrayAsync();
    }

    public async Task PutStaticAsync(byte[] body)
    {
        using var response = await _http.PutAsync("bench/static", new ByteArrayContent(body));
        await EnsureAsync(response);
    }

    public Task<bool> ReadStaticAsync() => SendAsync(HttpMethod.Get, "bench/static", null);

    /// <summary>Sends a request and drains the body into a pooled buffer; true on a 2xx status.</summary>
    private async Task<bool> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (await body.ReadAsync(buffer) > 0)
            {
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return response.IsSuccessStatusCode;
    }

    private static StringContent Json(object value) => new(JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    private static async Task EnsureAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
