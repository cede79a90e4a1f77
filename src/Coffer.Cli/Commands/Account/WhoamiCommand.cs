using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Remote;
using Coffer.Cli.Remote.Credentials;

namespace Coffer.Cli.Commands.Account;

/// <summary><c>coffer whoami</c>: who the current login is, as the server sees it.</summary>
internal sealed class WhoamiCommand
{
    public static readonly CommandHelp Help = new(
        "Show who you are logged in as.",
        $"""
        Asks the server who the access token belongs to, which also checks that the token still works.
        {RemoteSession.UrlVariable} and {RemoteSession.TokenVariable} take precedence over the stored login.
        """,
        [
            new("Print your user name:", "coffer whoami"),
            new("Also print the server, your organizations and where the token comes from:", "coffer whoami --verbose"),
        ]);

    private readonly Option<bool> _verbose = new("--verbose", "-v")
    {
        Description = "Also print the server, your organizations, the default organization and where the token comes from.",
        Arity = ArgumentArity.Zero,
    };

    public WhoamiCommand()
    {
        Command = new Command("whoami", Help.Summary) { _verbose };
        Command.SetAction(RemoteAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var user = await session.Client.GetUserAsync(cancellationToken).ConfigureAwait(false);
        if (!parseResult.GetValue(_verbose))
        {
            output.Write($"{user.GithubLogin}\n");
            return 0;
        }
        var organizations = user.Organizations is { Count: > 0 } list ? string.Join(", ", list.Select(o => o.GithubLogin)) : "(none)";
        var tokenSource = session.TokenFromEnvironment ? RemoteSession.TokenVariable : CredentialsFile.ForCurrentUser().Path;
        output.Write($"""
            User: {user.GithubLogin}
            Name: {user.Name}
            Organizations: {organizations}
            Default organization: {await session.DefaultOrganizationAsync(cancellationToken).ConfigureAwait(false)}
            Server: {session.Url}
            Token from: {tokenSource}

            """);
        return 0;
    }
}
