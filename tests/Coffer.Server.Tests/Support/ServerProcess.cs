using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Coffer.Server.Tests.Support;

/// <summary>
/// The real <c>coffer-server</c> process, as an operator runs it: <c>dotnet coffer-server.dll</c> from
/// the test output folder (the test project references the server, so its build is copied there),
/// with the given arguments and environment. Unless the arguments or environment say where to
/// listen, it listens on a free loopback port (<c>--urls http://127.0.0.1:0</c>) and the address is
/// read from the log. Standard output and error are captured together as <see cref="Log"/>.
/// Starting waits for <c>/healthz</c>; disposing kills the process tree if it still runs.
/// Each start costs about a second, so tests share processes where they can.
/// </summary>
public sealed partial class ServerProcess : IAsyncDisposable
{
    private const int SigTerm = 15;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);
    private static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(10) };

    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly TaskCompletionSource<string> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(Process process)
    {
        _process = process;
    }

    /// <summary>The built server next to the test assembly.</summary>
    public static string Assembly { get; } = Path.Combine(AppContext.BaseDirectory, "coffer-server.dll");

    /// <summary>The dotnet host running these tests, which also runs the server.</summary>
    public static string DotnetHost { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath!
        : "dotnet";

    /// <summary>Where the server listens, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri Address { get; private set; } = null!;

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote so far, standard output and error interleaved by line.</summary>
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

    /// <summary>
    /// Starts the server in <paramref name="workingDirectory"/> and waits until <c>/healthz</c> answers.
    /// <paramref name="environment"/> adds variables (null removes one); inherited <c>COFFER_*</c>
    /// variables are removed first, so only what a test gives counts.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string workingDirectory, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        environment ??= new Dictionary<string, string?>();
        var listensWhereTold = args.Contains("--urls") || environment.ContainsKey("COFFER_URLS");
        var info = StartInfo(workingDirectory, listensWhereTold ? args : [.. args, "--urls", "http://127.0.0.1:0"], environment);
        var server = new ServerProcess(new Process { StartInfo = info, EnableRaisingEvents = true });
        server.Begin();
        try
        {
            await server.WaitUntilHealthyAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs <c>coffer-server args…</c> to completion (a subcommand, <c>--help</c>, a start expected to fail).</summary>
    public static async Task<CommandResult> RunAsync(string workingDirectory, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        using var process = Process.Start(StartInfo(workingDirectory, args, environment ?? new Dictionary<string, string?>()))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"coffer-server {string.Join(' ', args)} did not finish within {StartTimeout}:\n{await stdout}{await stderr}");
        }
        return new CommandResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A client of this server, sending <paramref name="token"/> when given.</summary>
    public HttpClient CreateClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("token", token);
        }
        return client;
    }

    /// <summary>Stops the server as an operator does (SIGTERM) and waits for it to exit; kills it if it does not.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            _ = SendSignal(_process.Id, SigTerm);
            using var timeout = new CancellationTokenSource(StopTimeout);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
                throw new TimeoutException($"the server did not stop within {StopTimeout} of SIGTERM:\n{Log}");
            }
        }
        // WaitForExitAsync also waits for the redirected streams to reach their end.
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }
        _process.Dispose();
    }

    private void Begin()
    {
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Exited += (_, _) => _listening.TrySetException(new InvalidOperationException("the server exited before it listened"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_log)
        {
            _log.AppendLine(line);
        }
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            _listening.TrySetResult(match.Groups[1].Value);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            Address = new Uri(await _listening.Task.WaitAsync(timeout.Token));
            while (true)
            {
                timeout.Token.ThrowIfCancellationRequested();
                try
                {
                    using var response = await Probe.GetAsync(new Uri(Address, "/healthz"), timeout.Token);
                    if (response.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !timeout.IsCancellationRequested))
                {
                    // Not answering yet, or slow to (a loaded machine); ask again until the start timeout.
                }
                await Task.Delay(50, timeout.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or InvalidOperationException)
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            await _process.WaitForExitAsync();
            throw new InvalidOperationException($"coffer-server did not become healthy ({ex.Message}); exit code {_process.ExitCode}; its log:\n{Log}", ex);
        }
    }

    private static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        var info = new ProcessStartInfo(DotnetHost)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("COFFER_", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }
        return info;
    }

    // The hosting lifetime's own announcement, with the port Kestrel actually bound.
    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int processId, int signal);
}

/// <summary>How a <c>coffer-server</c> command ended.</summary>
public sealed record CommandResult(int ExitCode, string Stdout, string Stderr)
{
    public string Output => Stdout + Stderr;
}
