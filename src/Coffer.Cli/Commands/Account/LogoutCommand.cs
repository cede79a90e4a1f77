using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Remote;
using Coffer.Cli.Remote.Credentials;

namespace Coffer.Cli.Commands.Account;

/// <summary><c>coffer logout</c>: forgets the stored token of a server (the token itself stays valid on the server).</summary>
internal sealed class LogoutCommand
{
    public static readonly CommandHelp Help = new(
        "Log out of a Coffer server: remove its stored access token.",
        """
        Without a URL, logs out of the current server. The token is only removed from this machine;
        revoke it on the server if it may have leaked.
        """,
        [
            new("Log out of the current server:", "coffer logout"),
            new("Log out of one server:", "coffer logout https://coffer.example.com"),
            new("Log out of every server:", "coffer logout --all"),
        ]);

    private readonly Argument<string?> _url = new("url")
    {
        Description = "The server to log out of (default: the current server).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<bool> _all = new("--all")
    {
        Description = "Log out of every server.",
        Arity = ArgumentArity.Zero,
    };

    public LogoutCommand()
    {
        Command = new Command("logout", Help.Summary) { _url, _all };
        Command.SetAction(GuardedAction.Of(Execute));
    }

    public Command Command { get; }

    private Task<int> Execute(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var file = CredentialsFile.ForCurrentUser();
        var credentials = file.Load();
        if (parseResult.GetValue(_all))
        {
            if (parseResult.GetValue(_url) is not null)
            {
                throw new CommandFailure("give a server URL or --all, not both");
            }
            credentials.Accounts.Clear();
            credentials.Current = null;
            file.Save(credentials);
            output.Write("Logged out of all servers\n");
            return Task.FromResult(0);
        }
        var url = parseResult.GetValue(_url) is { } given ? ServerUrl.Normalize(given) : credentials.Current;
        if (url is null || !credentials.Accounts.Remove(url))
        {
            output.Write(url is null ? "Already logged out.\n" : $"Already logged out of {url}.\n");
            return Task.FromResult(0);
        }
        if (credentials.Current == url)
        {
            credentials.Current = null;
        }
        file.Save(credentials);
        output.Write($"Logged out of {url}\n");
        return Task.FromResult(0);
    }
}
