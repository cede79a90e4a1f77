namespace Coffer.Server.Storage;

internal sealed partial class SqlStore
{
    private const string SessionColumns = """
        id AS Id, environment_id AS EnvironmentId, revision AS Revision, payload AS Payload, created AS Created, expires AS Expires
        """;

    // An open is a read of the environment, not a change: its audit record goes through the audit
    // log's group commit (which the audit filter awaits before the session id is answered) rather
    // than this transaction. Appending here would hold the organization's chain head until the
    // sessions commit, and so make concurrent opens on PostgreSQL wait for each other's commits.
    public Task CreateSessionsAsync(IReadOnlyList<OpenSession> sessions, CancellationToken cancellationToken) =>
        WriteAsync(
            // Dapper runs the one command once per session.
            write => ExecuteAsync(write, """
                INSERT INTO open_sessions (id, environment_id, revision, payload, created, expires)
                VALUES (@Id, @EnvironmentId, @Revision, @Payload, @created, @expires)
                """,
                sessions.Select(session => new { session.Id, session.EnvironmentId, session.Revision, session.Payload, created = Millis(session.Created), expires = Millis(session.Expires) }),
                cancellationToken),
            "a session with this id already exists",
            null,
            cancellationToken,
            withAudit: false);

    // Readable up to and including the instant it expires; purged strictly after.
    public async Task<OpenSession?> GetSessionAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<SessionRow>($"SELECT {SessionColumns} FROM open_sessions WHERE id = @id AND expires >= @now",
            new { id, now = Millis(now) }, cancellationToken))?.ToRecord();

    public Task<int> PurgeExpiredSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        WriteAsync(
            write => ExecuteAsync(write, "DELETE FROM open_sessions WHERE expires < @now", new { now = Millis(now) }, cancellationToken),
            null, null, cancellationToken);
}
