namespace Coffer.Cli.Variables;

/// <summary>Which projected names can be used where.</summary>
internal static class VariableNames
{
    /// <summary>
    /// True for names a POSIX shell can assign and dotenv readers accept. Anything else is refused in
    /// shell and dotenv output: a name is printed unquoted, and one such as <c>A;rm -rf ~</c> would
    /// run as a command when the output is evaluated.
    /// </summary>
    public static bool IsPortable(string name) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>Why a process environment cannot hold this variable, or null when it can.</summary>
    public static string? ProcessEnvironmentProblem(string name, string value)
    {
        if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            return $"\"{name}\" cannot be an environment variable name (names must be non-empty, without \"=\" or NUL)";
        }
        return value.Contains('\0', StringComparison.Ordinal)
            ? $"the value of {name} contains a NUL character, which environment variables cannot hold"
            : null;
    }
}
