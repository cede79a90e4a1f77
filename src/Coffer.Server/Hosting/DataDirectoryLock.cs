namespace Coffer.Server.Hosting;

/// <summary>
/// Keeps <c>rotate-root-key</c> from running under a live server. A server holds a shared lock on
/// <c>&lt;data-dir&gt;/server.lock</c> while it runs (several may, on one SQLite database); rotation
/// needs the lock exclusively. A server that kept running would go on wrapping new environments'
/// data keys with the root key the rotation just replaced, and once restarted could never
/// decrypt them. The lock is advisory (flock, through <see cref="FileShare"/>) and goes with the
/// process however it ends.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "server.lock";

    private readonly FileStream? _file;

    private DataDirectoryLock(FileStream? file)
    {
        _file = file;
    }

    /// <summary>Held by a running server; other servers on the same data directory share it.</summary>
    public static DataDirectoryLock Shared(string dataDirectory) => new(Open(dataDirectory, FileShare.ReadWrite));

    /// <summary>The lock held alone, or null while any server runs on the data directory.</summary>
    public static DataDirectoryLock? TryExclusive(string dataDirectory)
    {
        if (!Directory.Exists(dataDirectory))
        {
            // No server has run here, so none runs now; and the directory is not created for nothing.
            return new DataDirectoryLock(null);
        }
        try
        {
            return new DataDirectoryLock(Open(dataDirectory, FileShare.None));
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file?.Dispose();

    private static FileStream Open(string dataDirectory, FileShare share) =>
        new(Path.Combine(dataDirectory, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, share);
}
