using System.Text;
using Coffer.Cli.CommandLine;
using Coffer.Language.Projection;

namespace Coffer.Cli.Variables;

/// <summary>
/// A private temporary folder (mode 0700) holding the files of an environment's <c>files</c>
/// entries, each readable by its owner only (mode 0600).
/// </summary>
internal sealed class ProjectedFileDirectory : IDisposable
{
    private ProjectedFileDirectory(string path) => Path = path;

    /// <summary>The folder's absolute path.</summary>
    public string Path { get; }

    public static ProjectedFileDirectory Create()
    {
        try
        {
            var directory = Directory.CreateTempSubdirectory("coffer-");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
            return new ProjectedFileDirectory(directory.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailure($"cannot create a temporary folder for the environment's files in {System.IO.Path.GetTempPath()}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Writes one file per entry and returns the path written for each entry's name. Files are named
    /// after their variable when that name is safe as a file name, which helps when looking at them.
    /// </summary>
    public IReadOnlyDictionary<string, string> Write(IEnumerable<ProjectedVariable> files, Func<ProjectedVariable, string> content)
    {
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var file in files)
        {
            index++;
            var fileName = VariableNames.IsPortable(file.Name) ? file.Name : $"file-{index}";
            var path = System.IO.Path.Combine(Path, fileName);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            try
            {
                using var stream = new FileStream(path, options);
                stream.Write(Encoding.UTF8.GetBytes(content(file)));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CommandFailure($"cannot write the file for {file.Name}: {ex.Message}", ex);
            }
            paths[file.Name] = path;
        }
        return paths;
    }

    /// <summary>Removes the folder and its files; a failure to do so is not worth failing the command for.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
