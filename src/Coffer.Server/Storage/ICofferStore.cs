namespace Coffer.Server.Storage;

/// <summary>
/// Everything the server keeps. One interface, two implementations: SQLite (the embedded default,
/// in WAL mode) and PostgreSQL (for several server replicas sharing one database). Schema changes
/// are numbered SQL migrations per dialect, applied at start-up in a transaction.
/// </summary>
public interface ICofferStore : IIdentityStore, IPasswordStore, IAccessControlStore, IEnvironmentStore, IKeyStore, IOpenSessionStore, ISigningKeyStore, IAuditStore, IAsyncDisposable
{
    /// <summary>Applies pending migrations; safe to call from several replicas at once.</summary>
    Task MigrateAsync(CancellationToken cancellationToken);

    /// <summary>True when the database answers (for readiness checks).</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);
}
