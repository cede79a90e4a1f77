using System.Text.Json;
using Coffer.Cli.CommandLine;

namespace Coffer.Cli.Remote.Credentials;

/// <summary>
/// The credentials file, <c>$XDG_CONFIG_HOME/coffer/credentials.json</c> (or
/// <c>~/.config/coffer/credentials.json</c>). It holds access tokens, so the folder is created
/// owner-only (0700) and the file is always written owner-only (0600), replacing any older copy
/// in one rename so a crash never leaves half a file.
/// </summary>
internal sealed class CredentialsFile
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private CredentialsFile(string path) => Path = path;

    public string Path { get; }

    /// <summary>The user's credentials file (it need not exist yet).</summary>
    public static CredentialsFile ForCurrentUser()
    {
        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg && System.IO.Path.IsPathRooted(xdg)
            ? xdg
            : OperatingSystem.IsWindows()
                ? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData)
                : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config");
        return new CredentialsFile(System.IO.Path.Combine(config, "coffer", "credentials.json"));
    }

    public StoredCredentials Load()
    {
        string text;
        try
        {
            text = File.ReadAllText(Path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return new StoredCredentials();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailure($"cannot read {Path}: {ex.Message}", ex);
        }
        try
        {
            var credentials = JsonSerializer.Deserialize(text, CredentialsJsonContext.Default.StoredCredentials) ?? new StoredCredentials();
            credentials.Accounts = new Dictionary<string, StoredAccount>(credentials.Accounts ?? [], StringComparer.Ordinal);
            return credentials;
        }
        catch (JsonException ex)
        {
            // Never echo the file: it holds tokens.
            throw new CommandFailure($"{Path} is not a valid credentials file (line {ex.LineNumber + 1}); log in again after removing it", ex);
        }
    }

    public void Save(StoredCredentials credentials)
    {
        var folder = System.IO.Path.GetDirectoryName(Path)!;
        var temporary = System.IO.Path.Combine(folder, $".credentials.{Environment.ProcessId}.tmp");
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(folder);
            }
            else
            {
                Directory.CreateDirectory(folder, OwnerOnlyFolder);
            }
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnlyFile;
            }
            using (var stream = new FileStream(temporary, options))
            {
                JsonSerializer.Serialize(stream, credentials, CredentialsJsonContext.Default.StoredCredentials);
                stream.Write("\n"u8);
                stream.Flush(flushToDisk: true);
            }
            if (!OperatingSystem.IsWindows())
            {
                // A temporary file left behind by a crash may have been created with other bits.
                File.SetUnixFileMode(temporary, OwnerOnlyFile);
            }
            File.Move(temporary, Path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new CommandFailure($"cannot write {Path}: {ex.Message}", ex);
        }
    }
}
