namespace Coffer.Cli.Local;

/// <summary>How file paths are shown to the user: relative to the current directory when they are below it.</summary>
internal static class PathDisplay
{
    public static string Of(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
        var climbs = relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return climbs || Path.IsPathRooted(relative) ? full : relative;
    }

    /// <summary>A folder, with a trailing separator so that even the current folder reads as one ("./").</summary>
    public static string OfFolder(string path)
    {
        var shown = Of(path);
        return shown.EndsWith(Path.DirectorySeparatorChar) ? shown : shown + Path.DirectorySeparatorChar;
    }
}
