using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests.Remote;

/// <summary>
/// A real coffer-server process on a free loopback port with a fresh data directory, shared by the
/// tests of one class (each test uses its own environment names and config folder).
/// </summary>
public sealed class CofferServer : IAsyncLifetime
{
    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();
    private readonly StringBuilder _log = new();
    private readonly IReadOnlyDictionary<string, string> _environment;
    private Process? _process;

    public CofferServer()
        : this(new Dictionary<string, string>())
    {
    }

    /// <summary>A server whose process gets these environment variables as well (xunit fixtures use the public constructor).</summary>
    internal CofferServer(IReadOnlyDictionary<string, string> environment) => _environment = environment;

    public string Url { get; private set; } = "";

    /// <summary>The server's data directory (its SQLite database is <c>coffer.db</c> there).</summary>
    public string DataDirectory { get; private set; } = "";

    /// <summary>The bootstrap administrator's token (user admin, organization default).</summary>
    public string AdminToken { get; private set; } = "";

    /// <summary>The coffer-server.dll built next to these tests' configuration.</summary>
    public static string ServerAssembly
    {
        get
        {
            // tests/Coffer.Cli.Tests/bin/<configuration>/<tfm>/ → src/Coffer.Server/bin/<configuration>/<tfm>/
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var framework = output.Name;
            var configuration = output.Parent!.Name;
            var root = output.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            return Path.Combine(root, "src", "Coffer.Server", "bin", configuration, framework, "coffer-server.dll");
        }
    }

    public async Task InitializeAsync()
    {
        var dataDirectory = _folder.Folder("data");
        DataDirectory = dataDirectory;
        Url = $"http://127.0.0.1:{FreePort()}";
        var info = new ProcessStartInfo(CofferCli.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { ServerAssembly, "--data-dir", dataDirectory, "--urls", Url })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in _environment)
        {
            info.Environment[name] = value;
        }
        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + StartupTimeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"coffer-server exited with {_process.ExitCode}:\n{Log}");
            }
            try
            {
                if ((await http.GetAsync(Url + "/healthz")).StatusCode == HttpStatusCode.OK)
                {
                    break;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"coffer-server did not answer {Url}/healthz within {StartupTimeout}:\n{Log}");
            }
            await Task.Delay(100);
        }
        AdminToken = (await File.ReadAllTextAsync(Path.Combine(dataDirectory, "admin.token"))).Trim();
    }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        _folder.Dispose();
    }

    /// <summary>A loopback address nobody listens on, for "server down" scenarios.</summary>
    public static string UnusedUrl() => $"http://127.0.0.1:{FreePort()}";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.Append(line).Append('\n');
        }
    }
}
