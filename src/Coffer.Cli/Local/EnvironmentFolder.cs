using Coffer.Cli.Interop;

namespace Coffer.Cli.Local;

/// <summary>
/// A folder of environment definitions laid out as the server names them: <c>&lt;name&gt;.yaml</c>
/// and <c>&lt;project&gt;/&lt;name&gt;.yaml</c> (<c>.yml</c> also accepted).
/// </summary>
internal sealed class EnvironmentFolder
{
    private const string LegacyProject = "default";
    private static readonly string[] Extensions = [".yaml", ".yml"];
    private readonly Lazy<string> _realPath;

    public EnvironmentFolder(string path)
    {
        FullPath = Path.GetFullPath(path);
        _realPath = new Lazy<string>(() => FileSystemPaths.Real(FullPath));
    }

    /// <summary>The folder's absolute path.</summary>
    public string FullPath { get; }

    /// <summary>
    /// The files that may hold <paramref name="name"/>, relative to the folder, in lookup order. A
    /// one-part name is a legacy name of project <c>default</c>, so <c>default/&lt;name&gt;</c> is tried after it.
    /// </summary>
    public static IReadOnlyList<string> Candidates(EnvironmentName name)
    {
        var stems = name.Project is null
            ? new[] { name.Name, $"{LegacyProject}/{name.Name}" }
            : [$"{name.Project}/{name.Name}"];
        return [.. stems.SelectMany(stem => Extensions.Select(extension => stem + extension))];
    }

    /// <summary>
    /// The absolute path of the file holding <paramref name="name"/>, or null when there is none.
    /// Throws <see cref="FolderEscapeException"/> when the file is a link to something outside the folder.
    /// </summary>
    public string? Find(EnvironmentName name)
    {
        foreach (var candidate in Candidates(name))
        {
            var path = Path.Combine(FullPath, candidate);
            if (File.Exists(path))
            {
                EnsureInside(path, name);
                return path;
            }
        }
        return null;
    }

    /// <summary>The names of the environments in the folder and its project folders, sorted.</summary>
    public IReadOnlyList<string> ListEnvironments()
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        try
        {
            AddEnvironments(names, FullPath, project: null);
            foreach (var project in Directory.EnumerateDirectories(FullPath))
            {
                var projectName = Path.GetFileName(project);
                if (!projectName.StartsWith('.'))
                {
                    AddEnvironments(names, project, projectName);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The listing only decorates an error message; an unreadable folder just lists less.
        }
        return [.. names];
    }

    private static void AddEnvironments(SortedSet<string> names, string directory, string? project)
    {
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            if (Extensions.Contains(Path.GetExtension(file), StringComparer.Ordinal)
                && EnvironmentName.TryParse(Path.GetFileNameWithoutExtension(file), out var name, out _) && name.Version is null)
            {
                names.Add(project is null ? name.Name : $"{project}/{name.Name}");
            }
        }
    }

    // Names cannot climb out of the folder, but a symbolic link inside it could point anywhere; an
    // environment checked out from someone else's repository must not read files elsewhere.
    private void EnsureInside(string path, EnvironmentName name)
    {
        var real = FileSystemPaths.Real(path);
        var root = _realPath.Value;
        var prefix = root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar;
        if (!real.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new FolderEscapeException(
                $"environment \"{name.Written}\" is outside the environments folder: {PathDisplay.Of(path)} links to {real}");
        }
    }
}

/// <summary>A name resolved to a file outside the environments folder.</summary>
internal sealed class FolderEscapeException : Exception
{
    public FolderEscapeException(string message)
        : base(message)
    {
    }

    public FolderEscapeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FolderEscapeException()
    {
    }
}
