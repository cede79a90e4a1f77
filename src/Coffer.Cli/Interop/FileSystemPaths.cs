using System.Runtime.InteropServices;

namespace Coffer.Cli.Interop;

/// <summary>Canonical paths, with every symbolic link resolved.</summary>
internal static partial class FileSystemPaths
{
    /// <summary>The canonical absolute path of an existing file or folder (<c>realpath(3)</c>).</summary>
    public static string Real(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            return full;
        }
        var resolved = RealPath(full, IntPtr.Zero);
        if (resolved == IntPtr.Zero)
        {
            // The file vanished or cannot be reached; the caller's read reports that.
            return full;
        }
        try
        {
            return Marshal.PtrToStringUTF8(resolved) ?? full;
        }
        finally
        {
            Free(resolved);
        }
    }

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr RealPath(string path, IntPtr resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(IntPtr pointer);
}
