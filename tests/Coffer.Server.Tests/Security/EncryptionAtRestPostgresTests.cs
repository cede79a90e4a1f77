using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Security;

/// <summary>
/// On PostgreSQL, no row of any table holds a secret in plaintext in any encoding (bytea columns
/// print as hex), while the public value and the ciphertexts are there; the server's log holds no
/// secret, no admin token and not the database password.
/// </summary>
[RequiresPostgres]
public sealed class EncryptionAtRestPostgresTests(PostgresAtRestFixture fixture) : IClassFixture<PostgresAtRestFixture>
{
    [DatabaseFact]
    public void No_row_of_any_table_holds_a_plaintext_secret_or_the_admin_token()
    {
        Assert.Contains("open_sessions", fixture.Tables.Keys);
        Assert.NotEqual("", fixture.Tables["open_sessions"]);
        var all = string.Concat(fixture.Tables.Values);
        Assert.NotEmpty(SecretScan.Find(all, [fixture.Scenario.PublicValue]));
        Assert.Contains(SecretsScenario.EnvelopePrefix, fixture.Tables["revisions"], StringComparison.Ordinal);

        Assert.Empty(fixture.Tables.SelectMany(t => SecretScan.Find(t.Value, [.. fixture.Scenario.AllSecrets, fixture.AdminToken]).Select(hit => $"{t.Key}: {hit}")));
    }

    [DatabaseFact]
    public void The_log_holds_no_secret_admin_token_or_database_password()
    {
        Assert.Contains("Created organization", fixture.Log, StringComparison.Ordinal);
        Assert.Empty(SecretScan.Find(fixture.Log, [.. fixture.Scenario.AllSecrets, fixture.AdminToken, PostgresAtRestFixture.DatabasePassword]));
    }
}
