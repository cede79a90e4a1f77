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
        try
        {
            await store.CreateOrganizationAsync(organization, cancellationToken);
        }
        catch (ConflictException)
        {
            // Another replica bootstrapped first.
            return;
        }
        var admin = new User(NewId(), "admin", "Administrator", null, now);
        await store.CreateUserAsync(admin, cancellationToken);
        await store.SetMembershipAsync(new Membership(organization.Id, admin.Id, "admin"), cancellationToken);
        var value = TokenValues.Generate();
        await store.CreateTokenAsync(new AccessToken(NewId(), TokenValues.Hash(value), TokenKind.Personal, admin.Id, organization.Id, null, "bootstrap", "created on first start", now, null, null, null, "admin"), cancellationToken);
        DataDirectory.Ensure(options.DataDirectory);
        var path = Path.GetFullPath(Path.Combine(options.DataDirectory, TokenFileName));
        PrivateFile.Write(path, value + "\n");
        logger.LogInformation("Created organization {Organization} and its administrator 'admin'. Their access token is in {TokenFile} (readable only by you).", organization.Name, path);
    }

    private static string NewId() => Environments.DefinitionService.NewId();
}
