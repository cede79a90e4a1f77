using System.Net.Sockets;
using System.Text.Json;
using Coffer.Cli.Remote.Credentials;
using Coffer.Client;
using Coffer.Client.Serialization;

namespace Coffer.Cli.Remote;

/// <summary>
/// Prepares, on another core, what the first call to a server will need, while the main thread
/// builds and parses the command line and reads the credentials file.
/// </summary>
/// <remarks>
/// A <c>coffer run</c> against a server spends most of its life loading and initialising code
/// (System.Text.Json, HttpClient and its headers), one thing after the other on one thread
/// (docs/benchmarks.md, "CLI start-up"). Doing that work beforehand on a second core shortens the
/// command. System.Diagnostics.Process is left alone: a run without files or --mask, the usual
/// one, replaces coffer with the program (ProgramExec) and never loads it. The warm-up has no
/// effect the command could see: it opens no connection, reads and writes no file, and swallows
/// its own failures (the real path reports them). The native build has nothing to load or
/// compile, so there it does nothing.
/// </remarks>
internal static class ServerCallWarmUp
{
    /// <summary>The top-level commands whose usual work is opening an environment on a server.</summary>
    private static readonly string[] ServerCommands = ["run", "open"];

    /// <summary>The options with which <c>run</c> and <c>open</c> call no server.</summary>
    private static readonly string[] OfflineOptions = ["--local", "--help", "-h", "-?", "/?", "/h"];

    /// <summary>Starts the warm-up in the background when <paramref name="args"/> will call a server.</summary>
    public static void StartFor(string[] args)
    {
#if !NATIVE_AOT
        if (CallsServer(args))
        {
            // A thread of its own: the first Task.Run would start the thread pool on this thread,
            // which is the critical path; the warm-up starts the pool itself, on its own thread.
            new Thread(WarmUp) { IsBackground = true }.Start();
        }
#endif
    }

    /// <summary>
    /// Whether the command line is a <c>run</c> or an <c>open</c> of an environment on a server:
    /// not of local files and not asking for help (options after <c>--</c> belong to the child).
    /// </summary>
    internal static bool CallsServer(string[] args)
    {
        if (args.Length == 0 || Array.IndexOf(ServerCommands, args[0]) < 0)
        {
            return false;
        }
        foreach (var arg in args.AsSpan(1))
        {
            if (arg == "--")
            {
                break;
            }
            if (Array.IndexOf(OfflineOptions, arg) >= 0)
            {
                return false;
            }
        }
        return true;
    }

    private static void WarmUp()
    {
        try
        {
            // System.Text.Json, as the credentials file is read, and as the server's two answers
            // are, with the client's metadata for them, then converted as the command converts them.
            JsonSerializer.Deserialize("""{"current":"http://127.0.0.1","accounts":{}}""", CredentialsJsonContext.Default.StoredCredentials);
            JsonSerializer.Deserialize("""{"id":"-"}"""u8, ClientJsonContext.Default.OpenSession);
            var answer = JsonSerializer.Deserialize("""{"properties":{"name":{"value":"-","secret":true,"unknown":false}}}"""u8, ClientJsonContext.Default.EvaluatedEnvironment);
            ApiValues.ToEnvironment(answer?.Properties);

            // The client with its HttpClient, a request to a URL of the same shape as an open's
            // (port, escaped path, query) with the headers it sets, and a socket (never connected).
            using var http = CommandHttpClient.Create();
            using var client = new CofferClient(new Uri("http://127.0.0.1:1"), "-", http);
            using var request = client.CreateRequest(HttpMethod.Post, $"/api/esc/environments/{Uri.EscapeDataString("-")}/-/-/open?duration=1s", null);
            using (new Socket(SocketType.Stream, ProtocolType.Tcp))
            {
            }

            // The thread pool, on which the HTTP client makes its connections.
            ThreadPool.UnsafeQueueUserWorkItem(static _ => { }, null);
        }
        catch (Exception)
        {
            // Only a head start: whatever failed here fails again, and is reported, on the real path.
        }
    }
}
