using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Coffer.Server.Tests.Support;

/// <summary>
/// One private PostgreSQL server for this test process: <c>initdb</c> into a temporary directory,
/// <c>pg_ctl start</c> on a free loopback port with its unix socket inside that directory and trust
/// authentication, stopped and deleted when the process exits. As root (initdb refuses to run as
/// root) the directory belongs to the <c>postgres</c> user and the tools run through <c>runuser</c>.
/// A detached watchdog stops the server and deletes the directory once this process has ended,
/// however it ended. Each directory also records the process that owns it, and the next run stops
/// and deletes any whose owner is gone, should a watchdog itself have been killed.
/// </summary>
internal sealed partial class PostgresServer
{
    public const string User = "postgres";
    private const string DirectoryPrefix = "coffer-pg-";
    private const string OwnerFile = "owner";

    private static readonly Lazy<Task<PostgresServer>> Shared = new(() => Task.Run(StartAsync));

    private readonly string _binaries;
    private readonly string _root;
    private int _stopped;

    private PostgresServer(string binaries, string root, int port)
    {
        _binaries = binaries;
        _root = root;
        Port = port;
    }

    public int Port { get; }

    private string DataDirectory => Path.Combine(_root, "data");

    /// <summary>The server of this process, started on first use.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Pooling=true;Timeout=30";

    private static async Task<PostgresServer> StartAsync()
    {
        var binaries = PostgresBinaries.Directory ?? throw new InvalidOperationException(
            PostgresBinaries.Required ? $"{PostgresBinaries.RequireVariable}=1 and " + PostgresBinaries.MissingMessage : PostgresBinaries.MissingMessage);
        var tempRoot = TempRoot();
        RemoveStaleClusters(binaries, tempRoot);

        var root = Path.Combine(tempRoot, DirectoryPrefix + Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal));
        System.IO.Directory.CreateDirectory(root);
        using (var self = Process.GetCurrentProcess())
        {
            await File.WriteAllTextAsync(Path.Combine(root, OwnerFile), $"{Environment.ProcessId} {self.StartTime.ToUniversalTime().Ticks}");
        }
        if (IsRoot)
        {
            await RunAsync("chown", [$"{User}:", root], asPostgres: false);
        }
        try
        {
            await RunAsync(Path.Combine(binaries, "initdb"),
                ["-D", Path.Combine(root, "data"), "-U", User, "-A", "trust", "-E", "UTF8", "--no-locale", "--no-sync"], asPostgres: true);
            // Another process may take the port between our check and the server's bind; try again then.
            for (var attempt = 1; ; attempt++)
            {
                var server = new PostgresServer(binaries, root, FreePort());
                try
                {
                    await server.StartServerAsync();
                    server.StartWatchdog();
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopServer();
                    return server;
                }
                catch (InvalidOperationException) when (attempt < 3)
                {
                }
            }
        }
        catch
        {
            TryDelete(root);
            throw;
        }
    }

    private async Task StartServerAsync()
    {
        // Durability is pointless for a throw-away cluster; these settings make it fast.
        var options = string.Join(' ',
            "-c listen_addresses=127.0.0.1", $"-p {Port}", $"-k '{_root}'",
            "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off",
            "-c max_connections=300", "-c shared_buffers=64MB");
        await RunAsync(Path.Combine(_binaries, "pg_ctl"),
            ["-D", DataDirectory, "-l", Path.Combine(_root, "server.log"), "-w", "-t", "60", "-o", options, "start"], asPostgres: true,
            describeFailure: () => File.Exists(Path.Combine(_root, "server.log")) ? File.ReadAllText(Path.Combine(_root, "server.log")) : "");
    }

    /// <summary>Stops the server at once; its data is thrown away.</summary>
    public void StopServer()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            StopCluster(_binaries, DataDirectory);
        }
    }

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>The temporary directory, or /tmp when running as root and the postgres user could not enter the usual one.</summary>
    private static string TempRoot()
    {
        var temp = Path.GetTempPath();
        if (!IsRoot || OthersCanEnter(temp))
        {
            return temp;
        }
        return "/tmp";
    }

    private static bool OthersCanEnter(string path)
    {
        for (var dir = new DirectoryInfo(path); dir is not null; dir = dir.Parent)
        {
            if (!dir.UnixFileMode.HasFlag(UnixFileMode.OtherExecute))
            {
                return false;
            }
        }
        return true;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string tool, IReadOnlyList<string> arguments, bool asPostgres, Func<string>? describeFailure = null)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && IsRoot)
        {
            start.FileName = "runuser";
            foreach (var argument in (string[])["-u", User, "--", tool])
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = tool;
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {tool}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(tool)} did not finish within 90 seconds");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(tool)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}:\n{await stdout}{await stderr}{describeFailure?.Invoke()}");
        }
    }
}
