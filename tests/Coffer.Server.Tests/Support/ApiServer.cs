using System.Data.Common;
using Coffer.Server.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using Coffer.Server.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tests.Support;

/// <summary>
/// A real server, as <c>coffer-server</c> runs it: Kestrel on a free loopback port, a fresh data
/// directory, the given database, bootstrapped on start. Tests talk to it over HTTP with the
/// bootstrap administrator's token read from <c>admin.token</c>, like any client would. Its clock
/// can be moved forward, so expiry is tested without waiting.
/// </summary>
public sealed class ApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<HttpClient> _clients = [];

    private ApiServer(WebApplication app, Uri address, string token, TestClock clock, string database, string dataDirectory)
    {
        _app = app;
        Database = database;
        DataDirectory = dataDirectory;
        Address = address;
        Token = token;
        Clock = clock;
        Client = NewClient(token);
        Anonymous = NewClient(null);
    }

    /// <summary>The root URL, ending with a slash (request paths are relative: <c>api/esc/…</c>).</summary>
    public Uri Address { get; }

    /// <summary>The bootstrap administrator's token.</summary>
    public string Token { get; }

    /// <summary>The bootstrap organization.</summary>
    public string Organization => "default";

    /// <summary>A client that sends <c>Authorization: token &lt;bootstrap token&gt;</c>.</summary>
    public HttpClient Client { get; }

    /// <summary>A client that sends no Authorization header.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>The database the server runs on: <c>sqlite</c> or a PostgreSQL connection string.</summary>
    public string Database { get; }

    /// <summary>The server's data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>The server's clock.</summary>
    public TestClock Clock { get; }

    /// <summary>The server's services, for setting up what the API cannot (organizations, users).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts a server. Every test of a class reaches it from the same loopback address, so the limit
    /// on failed authentication is raised far above what the tests cause, unless <paramref name="configure"/> says otherwise.
    /// </summary>
    public static async Task<ApiServer> StartAsync(string database, string dataDirectory, Func<ServerOptions, ServerOptions>? configure = null)
    {
        var clock = new TestClock();
        var options = new ServerOptions { Database = database, DataDirectory = dataDirectory, Urls = "http://127.0.0.1:0", AuthenticationFailureLimit = 100_000 };
        options = configure?.Invoke(options) ?? options;
        var app = await ServerApplication.CreateAsync(options, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            // Failures still reach the test output; start-up chatter does not.
            services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        });
        try
        {
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            var token = (await File.ReadAllTextAsync(Path.Combine(dataDirectory, Bootstrap.TokenFileName))).Trim();
            return new ApiServer(app, new Uri(address.TrimEnd('/') + "/"), token, clock, database, dataDirectory);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs SQL on the server's database behind its back, through a connection of its own, as an
    /// operator or an attacker with access to the database could.
    /// </summary>
    public async Task ExecuteSqlAsync(string sql)
    {
        await using DbConnection connection = Database == StoreFactory.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataDirectory, StoreFactory.SqliteFileName), Pooling = false, DefaultTimeout = 30 }.ToString())
            : new NpgsqlConnection(PostgresConnectionString.Parse(Database));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = Database == StoreFactory.Sqlite ? "PRAGMA busy_timeout = 10000;" + sql : sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A client that authenticates with <paramref name="token"/> (none when null); disposed with the server.</summary>
    public HttpClient NewClient(string? token) => NewClient(token, null);

    /// <summary>
    /// A client whose connections come from <paramref name="from"/> (another loopback address such
    /// as 127.0.0.2, so the server sees a different client), or from the default address when null.
    /// </summary>
    public HttpClient NewClient(string? token, System.Net.IPAddress? from)
    {
        var handler = new SocketsHttpHandler { UseProxy = false };
        if (from is not null)
        {
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new System.Net.Sockets.Socket(from.AddressFamily, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                try
                {
                    socket.Bind(new System.Net.IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        var client = new HttpClient(new ErrorResponseContract(handler)) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "token " + token);
        }
        lock (_clients)
        {
            _clients.Add(client);
        }
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
