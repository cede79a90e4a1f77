namespace Coffer.Server.Tests.Support;

/// <summary>A fresh folder, deleted when disposed.</summary>
public sealed class TempFolder : IDisposable
{
    private int _count;

    public TempFolder()
    {
        Path = Directory.CreateTempSubdirectory("coffer-server-tests-").FullName;
    }

    public string Path { get; }

    /// <summary>A new, not yet existing, subfolder path.</summary>
    public string NewSubfolder(string prefix = "data") => System.IO.Path.Combine(Path, $"{prefix}-{Interlocked.Increment(ref _count)}");

    public void Dispose()
    {
        // Pooled SQLite connections would keep deleted files open.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
