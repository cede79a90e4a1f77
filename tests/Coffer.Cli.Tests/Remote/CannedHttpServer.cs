using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Coffer.Cli.Tests.Remote;

/// <summary>
/// A loopback TCP server that answers every connection with the same bytes (or with nothing,
/// keeping the connection open): a server that misbehaves in ways a real Coffer server does not.
/// </summary>
internal sealed class CannedHttpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _accepted = [];

    /// <param name="response">The bytes sent after the request's headers; null answers nothing.</param>
    /// <param name="address">The loopback address to listen on (IPv4 unless given).</param>
    public CannedHttpServer(byte[]? response, IPAddress? address = null)
    {
        _listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        _listener.Start();
        _ = ServeAsync(response);
    }

    /// <summary>A server answering every request with <paramref name="head"/> (status line and headers) and <paramref name="body"/>, then closing.</summary>
    public static CannedHttpServer Answering(string head, byte[] body, IPAddress? address = null) =>
        new([.. Encoding.ASCII.GetBytes($"{head}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"), .. body], address);

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private int _connections;

    /// <summary>How many connections the server has accepted.</summary>
    public int Connections => Volatile.Read(ref _connections);

    private async Task ServeAsync(byte[]? response)
    {
        try
        {
            while (true)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                lock (_accepted)
                {
                    _accepted.Add(socket);
                }
                Interlocked.Increment(ref _connections);
                await ReadHeadersAsync(socket);
                if (response is not null)
                {
                    await socket.SendAsync(response, _stop.Token);
                    socket.Shutdown(SocketShutdown.Both);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ReadHeadersAsync(Socket socket)
    {
        var seen = new StringBuilder();
        var buffer = new byte[4096];
        while (!seen.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await socket.ReceiveAsync(buffer, _stop.Token);
            if (read == 0)
            {
                return;
            }
            seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_accepted)
        {
            _accepted.ForEach(socket => socket.Dispose());
        }
        _stop.Dispose();
    }
}
