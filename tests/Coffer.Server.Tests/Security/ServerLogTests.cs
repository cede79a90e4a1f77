using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Security;

/// <summary>The server's log (standard output and error) never holds a secret or the admin token, error paths included.</summary>
[Collection(SqliteAtRestCollection.Name)]
public sealed class ServerLogTests(SqliteAtRestFixture fixture)
{
    [Fact]
    public void The_log_holds_no_secret_and_no_admin_token()
    {
        Assert.Contains("Created organization", fixture.Log, StringComparison.Ordinal);
        Assert.Empty(SecretScan.Find(fixture.Log, [.. fixture.Scenario.AllSecrets, fixture.AdminToken]));
    }

    [Fact]
    public void Error_responses_never_echo_a_stored_secret()
    {
        Assert.NotEmpty(fixture.Scenario.ErrorResponses);
        Assert.Empty(fixture.Scenario.ErrorResponses.SelectMany(body => SecretScan.Find(body, [.. fixture.Scenario.StoredSecrets, .. fixture.Scenario.Passwords, fixture.AdminToken])));
    }
}
