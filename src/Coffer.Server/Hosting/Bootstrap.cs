using Coffer.Server.Auth;
using Coffer.Server.Crypto;
using Coffer.Server.Storage;

namespace Coffer.Server.Hosting;

/// <summary>
/// First start: with an empty database the server creates the bootstrap organization, an
/// <c>admin</c> user who administers it, and an access token for that user, written to
/// <c>&lt;data-dir&gt;/admin.token</c> (mode 0600). The log says where the token is, never the token.
/// Restarting — or another replica starting at the same time — never creates a second one.
/// </summary>
public sealed class Bootstrap(ICofferStore store, ServerOptions options, TimeProvider clock, ILogger<Bootstrap> logger)
{
    public const string TokenFileName = "admin.token";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (!await store.IsEmptyAsync(cancellationToken))
        {
            return;
        }
        var now = clock.GetUtcNow();
        var organization = new Organization(NewId(), options.BootstrapOrganization, now);
        var admin = new User(NewId(), "admin", "Administrator", null, now);
        var value = TokenValues.Generate();
        var token = new AccessToken(NewId(), TokenValues.Hash(value), TokenKind.Personal, admin.Id, organization.Id, null, "bootstrap", "created on first start", now, null, null, null, "admin");
        try
        {
            // One transaction: a start that fails half-way leaves the database empty, so the next
            // start bootstraps instead of finding an organization nobody can log in to.
            await store.BootstrapAsync(organization, admin, new Membership(organization.Id, admin.Id, "admin"), token, cancellationToken);
        }
        catch (ConflictException)
        {
            if (await store.IsEmptyAsync(cancellationToken))
            {
                // Not another replica: something else is in the way (a user named admin). The
                // start fails, having written nothing.
                throw;
            }
            // Another replica bootstrapped first.
            return;
        }
        DataDirectory.Ensure(options.DataDirectory);
        var path = Path.GetFullPath(Path.Combine(options.DataDirectory, TokenFileName));
        PrivateFile.Write(path, value + "\n");
        logger.LogInformation("Created organization {Organization} and its administrator 'admin'. Their access token is in {TokenFile} (readable only by you).", organization.Name, path);
    }

    private static string NewId() => Environments.DefinitionService.NewId();
}
