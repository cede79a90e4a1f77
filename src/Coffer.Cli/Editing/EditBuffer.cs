using System.Text;
using Coffer.Cli.CommandLine;

namespace Coffer.Cli.Editing;

/// <summary>
/// The file a definition is edited in: in a private temporary folder (0700), the file itself
/// 0600 as it may hold decrypted secrets. After a refused save the file keeps the user's text and
/// gets the problems appended below a marker line, which is cut off again when it is read.
/// </summary>
internal sealed class EditBuffer
{
    public const string Marker = "--- # coffer: everything from this line down is ignored";

    private EditBuffer(string path) => Path = path;

    public string Path { get; }

    public static EditBuffer Create(string name, string text)
    {
        var folder = Directory.CreateTempSubdirectory("coffer-edit-");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(folder.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var buffer = new EditBuffer(System.IO.Path.Combine(folder.FullName, name + ".yaml"));
        buffer.Write(text, []);
        return buffer;
    }

    /// <summary>The user's text, without the marker and what follows it.</summary>
    public string Read()
    {
        try
        {
            var text = File.ReadAllText(Path);
            var lines = text.ReplaceLineEndings("\n").Split('\n');
            var end = Array.FindIndex(lines, l => l.StartsWith(Marker, StringComparison.Ordinal));
            return end < 0 ? text : string.Join("\n", lines.Take(end)) + "\n";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailure($"cannot read the edited file {Path}: {ex.Message}", ex);
        }
    }

    /// <summary>Writes the user's text, followed by the problems that stopped it from being saved.</summary>
    public void Write(string text, IReadOnlyList<string> problems)
    {
        var content = new StringBuilder(text);
        if (problems.Count > 0)
        {
            if (!text.EndsWith('\n'))
            {
                content.Append('\n');
            }
            content.Append(Marker).Append('\n').Append("# The definition above was not saved:\n");
            foreach (var problem in problems)
            {
                content.Append("#   ").Append(problem.ReplaceLineEndings("\n#   ")).Append('\n');
            }
        }
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var stream = new FileStream(Path, options);
        stream.Write(Encoding.UTF8.GetBytes(content.ToString()));
    }

    /// <summary>Removes the file once its text is safely stored.</summary>
    public void Delete()
    {
        try
        {
            Directory.Delete(System.IO.Path.GetDirectoryName(Path)!, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
        }
    }
}
