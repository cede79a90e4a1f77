namespace Coffer.Server.Hosting;

/// <summary>The data directory holds the root key and the bootstrap token: it is created readable only by its owner.</summary>
public static class DataDirectory
{
    public static void Ensure(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
