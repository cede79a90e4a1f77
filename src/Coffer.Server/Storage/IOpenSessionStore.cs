namespace Coffer.Server.Storage;

/// <summary>
/// Stored results of opening environments, kept until they expire. A session's
/// <see cref="OpenSession.EnvironmentId"/> is the key of its owner: an environment id (the session
/// goes when the environment is deleted) or any other key the caller chooses.
/// </summary>
public interface IOpenSessionStore
{
    /// <summary>Stores sessions in one transaction, all or none; <see cref="ConflictException"/> when an id is in use.</summary>
    Task CreateSessionsAsync(IReadOnlyList<OpenSession> sessions, CancellationToken cancellationToken);

    /// <summary>The session, or null when it does not exist or expired before <paramref name="now"/> (it is readable at its expiry instant).</summary>
    Task<OpenSession?> GetSessionAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes sessions that expired before <paramref name="now"/>; returns how many.</summary>
    Task<int> PurgeExpiredSessionsAsync(DateTimeOffset now, CancellationToken cancellationToken);
}
