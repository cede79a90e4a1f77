namespace Coffer.Cli.Processes;

/// <summary>
/// Finds a program the way a POSIX shell does (execvp): a name with a slash is a path, any other
/// name is looked up in PATH. Process.Start alone would also try the current folder and the
/// folder of the dotnet host first, which would run a different program than the user expects.
/// </summary>
internal static class ExecutableLookup
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static string? Find(string command)
    {
        if (command.Length == 0)
        {
            return null;
        }
        if (OperatingSystem.IsWindows())
        {
            return command;
        }
        if (command.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(command) ? Path.GetFullPath(command) : null;
        }
        var searchPath = Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin";
        foreach (var folder in searchPath.Split(Path.PathSeparator))
        {
            // An empty entry means the current folder, as in every POSIX shell.
            var candidate = Path.Combine(folder.Length == 0 ? "." : folder, command);
            if (File.Exists(candidate) && (File.GetUnixFileMode(candidate) & AnyExecute) != 0)
            {
                return Path.GetFullPath(candidate);
            }
        }
        return null;
    }
}
