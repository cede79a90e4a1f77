namespace Coffer.Cli.Local;

/// <summary>
/// An environment name as an import, an inline reference or <c>--env</c> writes it
/// (<c>app</c>, <c>project/app</c>, <c>project/app@stable</c>), split into the parts that select a file.
/// </summary>
/// <param name="Written">The name exactly as written.</param>
/// <param name="Project">The project, or null for a one-part (legacy) name.</param>
/// <param name="Name">The environment within the project.</param>
/// <param name="Version">The revision number or tag after <c>@</c>, if any; it cannot be honoured offline.</param>
internal sealed record EnvironmentName(string Written, string? Project, string Name, string? Version)
{
    /// <summary>The name without its version, as files are laid out (<c>project/app</c>).</summary>
    public string Unversioned => Project is null ? Name : $"{Project}/{Name}";

    /// <summary>
    /// Parses a name. Only the characters the language allows in names are accepted, and never
    /// <c>.</c> or <c>..</c> as a part, so that a name can only ever select a file inside the folder.
    /// </summary>
    public static bool TryParse(string written, out EnvironmentName name, out string error)
    {
        ArgumentNullException.ThrowIfNull(written);
        name = new EnvironmentName(written, null, "", null);
        error = "";

        var at = written.IndexOf('@', StringComparison.Ordinal);
        var unversioned = at < 0 ? written : written[..at];
        var version = at < 0 ? null : written[(at + 1)..];
        if (version is "")
        {
            error = $"environment \"{written}\" has an empty version after \"@\"";
            return false;
        }

        var parts = unversioned.Split('/');
        if (unversioned.StartsWith('/') || unversioned.Contains('\\', StringComparison.Ordinal) || parts.Any(p => p is "." or ".."))
        {
            error = $"environment \"{written}\" is outside the environments folder: offline names are \"name\" or \"project/name\"";
            return false;
        }
        if (parts.Any(p => p.Length == 0 || !p.All(IsNameCharacter)))
        {
            error = $"environment \"{written}\" is not a valid name: names use letters, digits, \"-\", \"_\" and \".\"";
            return false;
        }
        if (parts.Length > 2)
        {
            error = $"environment \"{written}\" cannot be resolved offline: names are \"name\" or \"project/name\"";
            return false;
        }

        name = parts.Length == 2
            ? new EnvironmentName(written, parts[0], parts[1], version)
            : new EnvironmentName(written, null, parts[0], version);
        return true;
    }

    private static bool IsNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
}
