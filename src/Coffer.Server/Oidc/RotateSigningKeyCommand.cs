using System.CommandLine;
using Coffer.Server.Crypto;
using Coffer.Server.Hosting;
using Coffer.Server.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Coffer.Server.Oidc;

/// <summary><c>coffer-server rotate-signing-key</c>: replaces the OIDC signing key now, without stopping the servers.</summary>
internal static class RotateSigningKeyCommand
{
    public static Command Create(Option<string> dataDir, Option<string?> database, string defaultDatabase)
    {
        var command = new Command("rotate-signing-key", """
            Replace the OIDC signing key now (for example when it may have leaked). Running servers
            publish the new key within 30 seconds and sign with it a minute from now; the old key stays
            published until the tokens it signed have expired. Servers need not be stopped.

            Example:
              coffer-server rotate-signing-key --data-dir /var/lib/coffer
            """)
        {
            dataDir, database,
        };
        command.SetAction((parse, cancellationToken) => OperatorErrors.RunAsync("coffer-server rotate-signing-key", async () =>
        {
            var directory = parse.GetValue(dataDir)!;
            await using var store = StoreFactory.Open(parse.GetValue(database) ?? defaultDatabase, directory);
            await store.MigrateAsync(cancellationToken);
            await RootKeyFile.RecoverAsync(directory, store, cancellationToken);
            var rootKey = RootKey.Load(directory, out _);
            var keys = new SigningKeys(store, rootKey, TimeProvider.System, new SigningKeyPolicy(), NullLogger<SigningKeys>.Instance);
            var added = await keys.RotateAsync(cancellationToken);
            Console.WriteLine($"Created OIDC signing key {added.Id}; servers publish it within 30 seconds and sign with it from {added.Activates.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z.");
            return 0;
        }));
        return command;
    }
}
