using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Remote;
using Coffer.Cli.Remote.Credentials;
using Coffer.Client;

namespace Coffer.Cli.Commands.Account;

/// <summary><c>coffer login</c>: checks an access token against a server and remembers it.</summary>
internal sealed class LoginCommand
{
    public static readonly CommandHelp Help = new(
        "Log in to a Coffer server with an access token or a password.",
        $"""
        The token comes from --token, else {RemoteSession.TokenVariable}, else the token already stored
        for that server, else standard input (a prompt that does not echo on a terminal). It is
        checked with the server, then stored in $XDG_CONFIG_HOME/coffer/credentials.json (or
        ~/.config/coffer/credentials.json), readable only by you. The server becomes the current
        one; logins to other servers are kept. Without a URL, {RemoteSession.UrlVariable} or the
        current server is used.

        With --user, you sign in with your password instead (read like a token: at a prompt that
        does not echo, or one line from standard input) to the organization --default-org names;
        the server answers with a token that lasts a few hours (8 by default) and reaches only that
        organization, and that token is stored.
        """,
        [
            new("Log in, typing the token when asked:", "coffer login https://coffer.example.com"),
            new("Log in from a script, the token on standard input:", "printf '%s' \"$TOKEN\" | coffer login https://coffer.example.com"),
            new("Log in and choose the organization of short references:", "coffer login https://coffer.example.com --default-org acme"),
            new("Sign in with your password:", "coffer login https://coffer.example.com --user jane --default-org acme"),
        ]);

    private readonly Argument<string?> _url = new("url")
    {
        Description = $"The server's URL, such as https://coffer.example.com (default: {RemoteSession.UrlVariable}, else the current server).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string?> _token = new("--token")
    {
        Description = "The access token. Prefer standard input or the environment: a command line is visible to other users of the machine.",
        HelpName = "token",
    };

    private readonly Option<string?> _defaultOrganization = new("--default-org")
    {
        Description = "The organization of references that name none (default: the server's default for you).",
        HelpName = "org",
    };

    private readonly Option<string?> _user = new("--user")
    {
        Description = "Sign in as this user with a password, to the organization of --default-org.",
        HelpName = "login",
    };

    public LoginCommand()
    {
        Command = new Command("login", Help.Summary) { _url, _token, _defaultOrganization, _user };
        Command.SetAction(GuardedAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var file = CredentialsFile.ForCurrentUser();
        var credentials = file.Load();
        var urlText = parseResult.GetValue(_url) ?? NonEmpty(Environment.GetEnvironmentVariable(RemoteSession.UrlVariable)) ?? credentials.Current
            ?? throw new CommandFailure("which server? run 'coffer login <server-url>'");
        var url = ServerUrl.Normalize(urlText);
        if (parseResult.GetValue(_user) is { } login)
        {
            return await SignInAsync(parseResult, file, credentials, url, login, cancellationToken).ConfigureAwait(false);
        }
        var given = parseResult.GetValue(_token) ?? NonEmpty(Environment.GetEnvironmentVariable(RemoteSession.TokenVariable));
        var stored = credentials.Accounts.GetValueOrDefault(url)?.AccessToken;
        var error = parseResult.InvocationConfiguration.Error;
        var token = (given ?? stored ?? ReadToken(url, error)).Trim();

        Client.Models.User user;
        string? defaultOrganization;
        using var http = CommandHttpClient.Create();
        while (true)
        {
            using var client = new CofferClient(new Uri(url), token, http);
            try
            {
                user = await client.GetUserAsync(cancellationToken).ConfigureAwait(false);
                defaultOrganization = parseResult.GetValue(_defaultOrganization) ?? await DefaultOrganizationAsync(client, user, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (CofferApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Unauthorized && given is null && token == stored)
            {
                // The stored token no longer works (revoked, expired): ask for a new one.
                error.Write($"The stored access token for {url} was refused ({ex.Message}).\n");
                token = ReadToken(url, error).Trim();
            }
            catch (Exception ex) when (RemoteSession.Describe(ex, url, "check the token") is { } failure)
            {
                throw failure;
            }
        }
        if (parseResult.GetValue(_defaultOrganization) is { } chosen && user.Organizations?.Any(o => o.GithubLogin == chosen) == false)
        {
            throw new CommandFailure($"you are not a member of organization {chosen} on {url}");
        }

        credentials.Accounts[url] = new StoredAccount
        {
            AccessToken = token,
            Username = user.GithubLogin,
            DefaultOrganization = defaultOrganization,
            LastValidatedAt = DateTimeOffset.UtcNow,
        };
        credentials.Current = url;
        file.Save(credentials);
        parseResult.InvocationConfiguration.Output.Write($"Logged in to {url} as {user.GithubLogin}\n");
        return 0;
    }

    private async Task<int> SignInAsync(ParseResult parseResult, CredentialsFile file, StoredCredentials credentials, string url, string login, CancellationToken cancellationToken)
    {
        if (parseResult.GetValue(_token) is not null)
        {
            throw new CommandFailure("--user signs in with a password, --token logs in with a token: give one of them");
        }
        var organization = parseResult.GetValue(_defaultOrganization)
            ?? throw new CommandFailure("signing in with --user needs the organization: add --default-org NAME");
        var password = SecretInput.Read(parseResult.InvocationConfiguration.Error, $"password of {login} on {url}");
        Client.Models.SignedIn signedIn;
        try
        {
            using var http = CommandHttpClient.Create();
            signedIn = await CofferClient.SignInAsync(new Uri(url), login, password, organization, http, cancellationToken).ConfigureAwait(false);
        }
        catch (CofferApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            throw new CommandFailure($"{ex.Message} (on {url})", ex);
        }
        catch (Exception ex) when (RemoteSession.Describe(ex, url, "check the login and password") is { } failure)
        {
            throw failure;
        }
        credentials.Accounts[url] = new StoredAccount
        {
            AccessToken = signedIn.Token,
            Username = signedIn.Login,
            DefaultOrganization = signedIn.Organization,
            LastValidatedAt = DateTimeOffset.UtcNow,
        };
        credentials.Current = url;
        file.Save(credentials);
        var until = Output.ListFormat.Time(DateTimeOffset.FromUnixTimeSeconds(signedIn.TokenInfo.Expires));
        parseResult.InvocationConfiguration.Output.Write($"Signed in to {url} as {signedIn.Login} ({signedIn.Organization}) until {until}\n");
        return 0;
    }

    private static async Task<string?> DefaultOrganizationAsync(CofferClient client, Client.Models.User user, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetDefaultOrganizationAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CofferApiException ex) when (ex.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return user.Organizations?.FirstOrDefault()?.GithubLogin;
        }
    }

    private static string? NonEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    /// <summary>The token from standard input: a prompt without echo on a terminal, the first line otherwise.</summary>
    private static string ReadToken(string url, TextWriter prompt) =>
        NonEmpty(SecretInput.ReadLine(prompt, $"Access token for {url}: "))
            ?? throw new CommandFailure($"no access token given: pass it on standard input, with --token, or in {RemoteSession.TokenVariable}");
}
