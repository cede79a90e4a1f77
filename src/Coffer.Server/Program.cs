using System.CommandLine;
using Coffer.Server.Crypto;
using Coffer.Server.Hosting;
using Coffer.Server.Oidc;
using Coffer.Server.Storage;

namespace Coffer.Server;

/// <summary>
/// <c>coffer-server</c>: runs the server, or (<c>rotate-root-key</c>) re-wraps the environments' data
/// keys with a new root key. Options fall back to <c>COFFER_*</c> environment variables.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var defaults = ServerOptions.FromEnvironment();
        var dataDir = new Option<string>("--data-dir") { Description = $"Data directory: SQLite database, root key, bootstrap token [COFFER_DATA_DIR] (default {defaults.DataDirectory})", DefaultValueFactory = _ => defaults.DataDirectory, HelpName = "dir" };
        // No default value for help to print: from COFFER_DATABASE it may hold a password.
        var database = new Option<string?>("--database") { Description = "sqlite, or a PostgreSQL connection string such as postgres://user:pass@host:5432/coffer [COFFER_DATABASE] (default sqlite)", HelpName = "database" };
        var urls = new Option<string>("--urls") { Description = $"Addresses to listen on, separated by ';' [COFFER_URLS] (default {ServerOptions.DefaultUrls})", DefaultValueFactory = _ => defaults.Urls, HelpName = "urls" };
        var bootstrapOrg = new Option<string>("--bootstrap-org") { Description = "Organization created on first start [COFFER_BOOTSTRAP_ORG] (default \"default\")", DefaultValueFactory = _ => defaults.BootstrapOrganization, HelpName = "name" };
        var issuerUrl = IssuerOptions.IssuerUrl(defaults.IssuerUrl);
        var signingKeyRotation = IssuerOptions.SigningKeyRotation();
        var failureLimit = SignInOptions.FailureLimit();
        var failureWindow = SignInOptions.FailureWindow();
        var sessionLifetime = SignInOptions.SessionLifetime();
        var trustedProxies = SignInOptions.TrustedProxies();
        var newKeyFile = new Option<string?>("--new-key-file") { Description = "Read the new root key from this file if it exists, else write the generated key there (required when the key comes from COFFER_ROOT_KEY)", HelpName = "path" };

        var root = new RootCommand("""
            The Coffer server: environments, secrets and configuration behind an ESC-compatible API.

            The root key that protects stored secrets is read from COFFER_ROOT_KEY (base64 of 32 bytes),
            else from <data-dir>/root.key, which is created on first start. Back it up.

            Examples:
              coffer-server                                   # SQLite in ./.coffer-data, http://127.0.0.1:8080
              coffer-server --urls http://0.0.0.0:9000 --data-dir /var/lib/coffer
              coffer-server --database postgres://coffer:secret@db:5432/coffer
              coffer-server --issuer-url https://coffer.example.com
              coffer-server rotate-root-key --data-dir /var/lib/coffer
              coffer-server rotate-signing-key --data-dir /var/lib/coffer
            """)
        {
            dataDir, database, urls, bootstrapOrg, issuerUrl, signingKeyRotation, failureLimit, failureWindow, sessionLifetime, trustedProxies,
        };
        root.SetAction((parse, cancellationToken) => OperatorErrors.RunAsync("coffer-server", async () =>
        {
            var options = new ServerOptions
            {
                DataDirectory = parse.GetValue(dataDir)!,
                Database = parse.GetValue(database) ?? defaults.Database,
                Urls = parse.GetValue(urls)!,
                BootstrapOrganization = parse.GetValue(bootstrapOrg)!,
                IssuerUrl = parse.GetValue(issuerUrl),
                SigningKeyRotation = IssuerOptions.ParseRotation(parse.GetValue(signingKeyRotation)!)!.Value,
                AuthenticationFailureLimit = SignInOptions.ParseLimit(parse.GetValue(failureLimit)!)!.Value,
                AuthenticationFailureWindow = SignInOptions.ParseDuration(parse.GetValue(failureWindow)!, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1))!.Value,
                SessionLifetime = SignInOptions.ParseDuration(parse.GetValue(sessionLifetime)!, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7))!.Value,
                TrustedProxies = SignInOptions.ParseProxies(parse.GetValue(trustedProxies)!)!,
            };
            await using var app = await ServerApplication.CreateAsync(options, cancellationToken: cancellationToken);
            await app.RunAsync(cancellationToken);
            return 0;
        }));

        var rotate = new Command("rotate-root-key", """
            Re-wrap every environment's data key with a new root key, in one transaction. Secrets are not
            re-encrypted. Stop other replicas first; open sessions end.

            Example:
              coffer-server rotate-root-key --data-dir /var/lib/coffer
            """)
        {
            dataDir, database, newKeyFile,
        };
        rotate.SetAction((parse, cancellationToken) => OperatorErrors.RunAsync("coffer-server rotate-root-key", async () =>
        {
            var directory = parse.GetValue(dataDir)!;
            // Before the store is opened: opening a SQLite store creates its files.
            _ = RootKeyFile.RequireExisting(directory);
            using var alone = DataDirectoryLock.TryExclusive(directory) ?? throw new InvalidOperationException(
                $"a server is running on {Path.GetFullPath(directory)}; stop every server first (and start them again afterwards with the new key)");
            await using var store = StoreFactory.Open(parse.GetValue(database) ?? defaults.Database, directory);
            await store.MigrateAsync(cancellationToken);
            if (!await store.TryLockOutServersAsync(cancellationToken))
            {
                throw new InvalidOperationException("a server is running on this database; stop every server first (and start them again afterwards with the new key)");
            }
            await RootKeyFile.RecoverAsync(directory, store, cancellationToken);
            var (key, count) = await RootKeyFile.RotateAsync(directory, store, parse.GetValue(newKeyFile), cancellationToken);
            Console.WriteLine($"Re-wrapped {count} data keys with the new root key {key.Id:x8}.");
            return 0;
        }));
        root.Subcommands.Add(rotate);
        root.Subcommands.Add(RotateSigningKeyCommand.Create(dataDir, database, defaults.Database));
        return await root.Parse(args).InvokeAsync();
    }
}
