using System.Text;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Security;

/// <summary>
/// Secrets are stored only as ciphertext (docs/operations.md, "Encryption at rest"): the raw SQLite
/// files hold no plaintext secret in any encoding — not in the definitions, not in the open
/// session, not in the write-ahead log — while the public value and the ciphertexts are there.
/// </summary>
[Collection(SqliteAtRestCollection.Name)]
public sealed class EncryptionAtRestSqliteTests(SqliteAtRestFixture fixture)
{
    [Fact]
    public void The_files_of_a_running_server_hold_no_plaintext_secret()
    {
        Assert.Contains("coffer.db-wal", fixture.FilesWhileRunning.Keys);
        Assert.True(fixture.SessionRowsWhileRunning >= 1, "the scenario leaves an open session");
        AssertOnlyCiphertext(fixture.FilesWhileRunning);
    }

    [Fact]
    public void The_files_of_a_stopped_server_hold_no_plaintext_secret()
    {
        AssertOnlyCiphertext(fixture.FilesAfterStop);
    }

    [Fact]
    public void Access_tokens_are_stored_only_as_hashes()
    {
        foreach (var files in (IReadOnlyDictionary<string, byte[]>[])[fixture.FilesWhileRunning, fixture.FilesAfterStop])
        {
            Assert.Empty(files.SelectMany(f => SecretScan.Find(f.Value, [fixture.AdminToken]).Select(hit => $"{f.Key}: {hit}")));
        }
    }

    private void AssertOnlyCiphertext(IReadOnlyDictionary<string, byte[]> files)
    {
        var all = files.Values.SelectMany(b => b).ToArray();
        // The scan sees the stored data: what is stored in plaintext on purpose is found.
        Assert.NotEmpty(SecretScan.Find(all, [fixture.Scenario.PublicValue]));
        Assert.True(all.AsSpan().IndexOf(Encoding.ASCII.GetBytes(SecretsScenario.EnvelopePrefix)) >= 0, "no ciphertext envelope in the database files");
        Assert.Empty(files.SelectMany(f => SecretScan.Find(f.Value, fixture.Scenario.AllSecrets).Select(hit => $"{f.Key}: {hit}")));
    }
}
