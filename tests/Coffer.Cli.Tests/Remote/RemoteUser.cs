using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests.Remote;

/// <summary>
/// One test's user of the CLI: a private config folder (so logins never leak between tests or to
/// the machine's user), a working folder, and the variables coffer sees.
/// </summary>
public sealed class RemoteUser : IDisposable
{
    private static int _counter;
    private readonly TempFolder _folder = new();

    public RemoteUser(CofferServer server)
    {
        Server = server;
        ConfigFolder = _folder.Folder("config");
        WorkFolder = _folder.Folder("work");
        Environment = new Dictionary<string, string?>
        {
            ["XDG_CONFIG_HOME"] = ConfigFolder,
            ["TMPDIR"] = _folder.Folder("tmp"),
            ["COFFER_URL"] = null,
            ["COFFER_ACCESS_TOKEN"] = null,
            ["VISUAL"] = null,
            ["EDITOR"] = null,
        };
    }

    public CofferServer Server { get; }

    public string ConfigFolder { get; }

    public string WorkFolder { get; }

    public Dictionary<string, string?> Environment { get; }

    public string CredentialsPath => Path.Combine(ConfigFolder, "coffer", "credentials.json");

    /// <summary>Talks to the test server as its administrator through COFFER_URL and COFFER_ACCESS_TOKEN.</summary>
    public RemoteUser AsAdmin()
    {
        Environment["COFFER_URL"] = Server.Url;
        Environment["COFFER_ACCESS_TOKEN"] = Server.AdminToken;
        return this;
    }

    /// <summary>A project name no other test uses, so tests can share one server.</summary>
    public static string UniqueProject(string hint) => $"{hint}-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..6]}";

    public Task<CliResult> RunAsync(params string[] args) => CofferCli.RunAsync(WorkFolder, Environment, args);

    public Task<CliResult> RunWithInputAsync(string input, params string[] args) => CofferCli.RunWithInputAsync(WorkFolder, Environment, input, args);

    public string Write(string relativePath, string content) => _folder.Write(Path.Combine("work", relativePath), content);

    public void Dispose() => _folder.Dispose();
}
