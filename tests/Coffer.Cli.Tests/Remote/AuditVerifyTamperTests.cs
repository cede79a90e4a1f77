using Microsoft.Data.Sqlite;

namespace Coffer.Cli.Tests.Remote;

/// <summary>coffer audit verify on a log changed behind the server's back (a server of its own: the chain stays broken).</summary>
public sealed class AuditVerifyTamperTests(CofferServer server) : IClassFixture<CofferServer>, IDisposable
{
    private readonly RemoteUser _user = new RemoteUser(server).AsAdmin();

    public void Dispose() => _user.Dispose();

    [Fact]
    public async Task Audit_verify_exits_1_and_names_the_first_record_that_was_changed()
    {
        var reference = $"{RemoteUser.UniqueProject("tamper")}/app";
        Assert.Equal(0, (await _user.RunAsync("env", "init", reference)).ExitCode);
        Assert.Equal(0, (await _user.RunAsync("env", "set", reference, "color", "red")).ExitCode);
        Assert.Equal(0, (await _user.RunAsync("audit", "verify")).ExitCode);

        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(server.DataDirectory, "coffer.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 10000; UPDATE audit_events SET actor = 'nobody' WHERE sequence = 2";
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        Scenario.ExpectError(await _user.RunAsync("audit", "verify"), "the audit log of default is broken at record 2: its content does not match its hash");
    }
}
