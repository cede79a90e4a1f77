using System.Net.Sockets;

namespace Coffer.Cli.Remote;

/// <summary>
/// The HTTP client of a command: <see cref="SocketsHttpHandler"/> with its defaults (proxy from
/// the environment, TLS, redirects), except that it connects with a blocking call.
/// </summary>
/// <remarks>
/// A command makes one or two calls and ends. Connecting asynchronously starts the sockets'
/// event loop thread and JIT-compiles the asynchronous connection code of the HTTP stack, about a
/// tenth of a <c>coffer run</c> against a server (docs/benchmarks.md, "CLI start-up"); blocking
/// connects and sends (<see cref="Coffer.Client.CofferClient.OpenAndReadEnvironment"/>) need
/// neither. Asynchronous calls on the connected socket still work as usual.
/// </remarks>
internal static class CommandHttpClient
{
    public static HttpClient Create() => new(new SocketsHttpHandler { ConnectCallback = Connect });

    private static ValueTask<Stream> Connect(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        // Dual mode: connects to IPv4 and IPv6 addresses alike, trying each address of the name
        // in turn, as the handler's own connect does.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            // Cancelling (the client's timeout, the connect timeout) closes the socket, which ends the connect.
            using (cancellationToken.UnsafeRegister(static state => ((Socket)state!).Dispose(), socket))
            {
                socket.Connect(context.DnsEndPoint);
            }
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult<Stream>(new NetworkStream(socket, ownsSocket: true));
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            // The blocking connect's message also names the address it tried ("Connection refused
            // [::ffff:127.0.0.1]:8080"); the handler adds the host and port as written, as it does
            // for its own connect: "Connection refused (127.0.0.1:8080)".
            throw new SocketException((int)ex.SocketErrorCode);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
