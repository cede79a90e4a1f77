using System.Collections.Concurrent;
using Coffer.Language.Hosting;

namespace Coffer.Cli.Local;

/// <summary>
/// Loads imported and referenced environments from a folder of files. It remembers which file each
/// name came from, so diagnostics can point at files, and which names asked for a version it could
/// not honour.
/// </summary>
internal sealed class FolderEnvironmentLoader : IEnvironmentLoader
{
    private readonly EnvironmentFolder _folder;
    private readonly EnvironmentFolder? _parent;
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _versionWarnings = new(StringComparer.Ordinal);

    /// <param name="folder">Where names resolve.</param>
    /// <param name="parent">
    /// The folder above it, when the root environment was given as a file: a missing import found
    /// there most likely means the file belongs to a project folder and the user meant to pass the
    /// environments folder instead, and the error says so.
    /// </param>
    public FolderEnvironmentLoader(EnvironmentFolder folder, EnvironmentFolder? parent = null)
    {
        _folder = folder;
        _parent = parent;
    }

    /// <summary>The absolute path of the file each loaded name was read from.</summary>
    public IReadOnlyDictionary<string, string> Files => _files;

    /// <summary>One warning per loaded name that carried a version, sorted by name.</summary>
    public IEnumerable<string> VersionWarnings => _versionWarnings.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => w.Value);

    public async ValueTask<LoadedEnvironment> LoadAsync(string name, CancellationToken cancellationToken)
    {
        var path = Locate(name, _folder, out var parsed, _parent);
        byte[] definition;
        try
        {
            definition = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new EnvironmentLoadException($"environment \"{name}\" cannot be read from {PathDisplay.Of(path)}: {ex.Message}", ex);
        }
        _files[name] = path;
        if (parsed.Version is not null)
        {
            _versionWarnings[name] = VersionWarning(parsed, path);
        }
        return new LoadedEnvironment(DefinitionBytes.WithoutByteOrderMark(definition), OfflineSecretDecrypter.Instance);
    }

    /// <summary>
    /// Finds the file of <paramref name="name"/>; throws <see cref="EnvironmentLoadException"/>
    /// (whose message names the environment) when the name is not allowed or has no file.
    /// </summary>
    public static string Locate(string name, EnvironmentFolder folder, out EnvironmentName parsed, EnvironmentFolder? parent = null)
    {
        if (!EnvironmentName.TryParse(name, out parsed, out var error))
        {
            throw new EnvironmentLoadException(error);
        }
        string? path;
        try
        {
            path = folder.Find(parsed);
        }
        catch (FolderEscapeException ex)
        {
            throw new EnvironmentLoadException(ex.Message, ex);
        }
        if (path is not null)
        {
            return path;
        }
        var message = $"environment \"{name}\" not found: no {string.Join(", ", EnvironmentFolder.Candidates(parsed))} in {PathDisplay.OfFolder(folder.FullPath)}";
        if (parent is not null && FindQuietly(parent, parsed) is { } elsewhere)
        {
            message += $" (there is {PathDisplay.Of(elsewhere)}: to import from {PathDisplay.OfFolder(parent.FullPath)}, pass that folder and --env)";
        }
        throw new EnvironmentLoadException(message);
    }

    private static string? FindQuietly(EnvironmentFolder folder, EnvironmentName name)
    {
        try
        {
            return folder.Find(name);
        }
        catch (FolderEscapeException)
        {
            return null;
        }
    }

    public static string VersionWarning(EnvironmentName name, string path) =>
        $"\"{name.Written}\" asks for version \"{name.Version}\", which cannot be resolved offline; using {PathDisplay.Of(path)} as it is on disk";
}
