using System.Net;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Remote.Credentials;
using Coffer.Client;

namespace Coffer.Cli.Remote;

/// <summary>
/// The server commands talk to and the token they use: <c>COFFER_URL</c> and
/// <c>COFFER_ACCESS_TOKEN</c> when set, otherwise the current login of the credentials file.
/// Also words every failure of a call to the server for the user.
/// </summary>
internal sealed class RemoteSession : IDisposable
{
    public const string UrlVariable = "COFFER_URL";
    public const string TokenVariable = "COFFER_ACCESS_TOKEN";

    private readonly HttpClient _http = CommandHttpClient.Create();
    private string? _defaultOrganization;

    private RemoteSession(string url, string token, bool tokenFromEnvironment, string? defaultOrganization)
    {
        Url = url;
        TokenFromEnvironment = tokenFromEnvironment;
        _defaultOrganization = defaultOrganization;
        Client = new CofferClient(new Uri(url), token, _http);
    }

    public string Url { get; }

    public bool TokenFromEnvironment { get; }

    public CofferClient Client { get; }

    public static RemoteSession Connect()
    {
        var stored = CredentialsFile.ForCurrentUser().Load();
        var url = Environment.GetEnvironmentVariable(UrlVariable) is { Length: > 0 } fromEnvironment
            ? ServerUrl.Normalize(fromEnvironment)
            : stored.Current
            ?? throw new CommandFailure($"not logged in: run 'coffer login <server-url>' first, or set {UrlVariable} and {TokenVariable}");
        var account = stored.Accounts.GetValueOrDefault(url);
        if (Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token)
        {
            // The stored default organization belongs to the stored token's user; another token asks the server.
            return new RemoteSession(url, token.Trim(), true, account?.AccessToken == token.Trim() ? account.DefaultOrganization : null);
        }
        if (account is null)
        {
            throw new CommandFailure($"not logged in to {url}: run 'coffer login {url}' first, or set {TokenVariable}");
        }
        return new RemoteSession(url, account.AccessToken, false, account.DefaultOrganization);
    }

    /// <summary>The organization of references that name none: the login's, else the server's default for the caller.</summary>
    public async Task<string> DefaultOrganizationAsync(CancellationToken cancellationToken)
    {
        if (_defaultOrganization is null)
        {
            try
            {
                _defaultOrganization = await Client.GetDefaultOrganizationAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
            {
                throw new CommandFailure("the reference names no organization and you have no default one: write it as <org>/<project>/<env>", ex);
            }
        }
        return _defaultOrganization;
    }

    /// <summary>Resolves a reference as written to the environment it names on this server.</summary>
    public async Task<ResolvedReference> ResolveAsync(string written, CancellationToken cancellationToken)
    {
        var reference = EnvironmentReference.Parse(written);
        var organization = reference.Organization ?? await DefaultOrganizationAsync(cancellationToken).ConfigureAwait(false);
        return new ResolvedReference(new EnvironmentPath(organization, reference.Project, reference.Name), reference.Version);
    }

    /// <summary>A failure of a call to the server, worded for the user; null for anything else.</summary>
    public CommandFailure? Describe(Exception exception) =>
        Describe(exception, Url, TokenFromEnvironment ? $"check {TokenVariable}" : $"log in again with 'coffer login {Url}'");

    /// <summary>A failure of a call to the server at <paramref name="url"/>; <paramref name="unauthorizedAdvice"/> says what to do about a refused token.</summary>
    public static CommandFailure? Describe(Exception exception, string url, string unauthorizedAdvice) => exception switch
    {
        HttpRequestException ex => new CommandFailure($"cannot reach the Coffer server at {url}: {ex.Message}", ex),
        TaskCanceledException ex when ex.InnerException is TimeoutException => new CommandFailure($"the Coffer server at {url} did not answer in time", ex),
        CofferApiException { StatusCode: HttpStatusCode.Unauthorized } ex => new CommandFailure(
            $"the Coffer server at {url} refused the access token ({ex.Message}): {unauthorizedAdvice}", ex),
        CofferApiException { StatusCode: HttpStatusCode.Forbidden } ex => new CommandFailure(
            ex.Message.StartsWith("permission denied", StringComparison.Ordinal) ? ex.Message : $"permission denied: {ex.Message}", ex),
        CofferApiException ex => new CommandFailure(WithDiagnostics(ex), ex),
        _ => null,
    };

    public void Dispose()
    {
        Client.Dispose();
        _http.Dispose();
    }

    private static string WithDiagnostics(CofferApiException ex) =>
        ex.Diagnostics.Count == 0
            ? ex.Message
            : ex.Message + string.Concat(ex.Diagnostics.Select(d => "\n  " + ApiDiagnostics.Format(d)));
}

/// <summary>An environment on the server and the version asked for (null for the latest).</summary>
internal sealed record ResolvedReference(EnvironmentPath Path, string? Version)
{
    public override string ToString() => Version is null ? Path.ToString() : $"{Path}@{Version}";
}
