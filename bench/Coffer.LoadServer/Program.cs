using Coffer.Server.Hosting;

namespace Coffer.LoadServer;

/// <summary>
/// The real server, as <c>coffer-server</c> runs it, plus one endpoint the production server does
/// not have: <c>/bench/static</c> answers precomputed bytes (set once by the load driver to the body
/// of an open-session read) behind the same middleware and authentication, so a load run can compare
/// a session read with the cheapest possible endpoint of the same server.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length != 3)
        {
            await Console.Error.WriteLineAsync("usage: Coffer.LoadServer <data-dir> <sqlite|postgres connection string> <url>");
            return 2;
        }
        var options = new ServerOptions { DataDirectory = args[0], Database = args[1], Urls = args[2] };
        await using var app = await ServerApplication.CreateAsync(options);
        StaticEndpoint.Map(app);
        await app.RunAsync();
        return 0;
    }
}
