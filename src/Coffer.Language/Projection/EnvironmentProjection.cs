using System.Text;
using Coffer.Language.Values;

namespace Coffer.Language.Projection;

/// <summary>An environment variable projected from an environment.</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="Value">Its text; for a file, the file's content (the host writes it and sets the variable to the path).</param>
/// <param name="IsSecret">True when the value must be hidden.</param>
/// <param name="IsFile">True for entries of <c>files</c>.</param>
public sealed record ProjectedVariable(string Name, string Value, bool IsSecret, bool IsFile);

/// <summary>
/// What a process gets from an environment: each scalar under <c>environmentVariables</c> becomes a
/// variable, and each scalar under <c>files</c> a file whose path becomes the variable. Strings are
/// used as-is, numbers as their text, booleans as <c>true</c>/<c>false</c>, null as empty and
/// unknowns as <c>[unknown]</c>; arrays and objects are skipped.
/// </summary>
public static class EnvironmentProjection
{
    /// <summary>The variables (sorted by name), then the files (sorted by name).</summary>
    public static IReadOnlyList<ProjectedVariable> Project(EscValue? environment)
    {
        var result = new List<ProjectedVariable>();
        if (environment is null || environment.Kind != EscValueKind.Object)
        {
            return result;
        }
        result.AddRange(Scalars(environment["environmentVariables"], isFile: false));
        result.AddRange(Scalars(environment["files"], isFile: true));
        return result;
    }

    private static IEnumerable<ProjectedVariable> Scalars(EscValue? section, bool isFile)
    {
        if (section is null || section.IsUnknown || section.Kind != EscValueKind.Object)
        {
            yield break;
        }
        foreach (var (name, value) in section.Properties)
        {
            if (!value.IsUnknown && value.Kind is EscValueKind.Array or EscValueKind.Object)
            {
                continue;
            }
            yield return new ProjectedVariable(name, ValueText.ToText(value, ValueRendering.Revealed), value.IsSecret || section.IsSecret, isFile);
        }
    }

    /// <summary>
    /// <c>KEY="value"</c> lines sorted as projected, values Go-quoted (as the <c>esc</c> CLI writes
    /// them; dotenv libraries read the escapes back). Secret values are <c>[secret]</c> when
    /// <paramref name="rendering"/> redacts. <paramref name="filePaths"/> maps file entries to the
    /// paths of the files written for them.
    /// </summary>
    public static string ToDotenv(IEnumerable<ProjectedVariable> variables, ValueRendering rendering, IReadOnlyDictionary<string, string>? filePaths = null) =>
        Render(variables, rendering, filePaths, v => $"{v.Name}={GoText.Quote(v.Text)}");

    /// <summary>
    /// <c>export KEY='value'</c> lines for <c>eval</c> in a POSIX shell. Single quotes keep every
    /// character (newlines, <c>$</c>, backquotes) literal, so nothing is expanded by accident.
    /// </summary>
    public static string ToShell(IEnumerable<ProjectedVariable> variables, ValueRendering rendering, IReadOnlyDictionary<string, string>? filePaths = null) =>
        Render(variables, rendering, filePaths, v => $"export {v.Name}={ShellQuote(v.Text)}");

    /// <summary>
    /// True when <paramref name="name"/> can be written as a variable in shell and dotenv output
    /// (letters, digits and <c>_</c>, not starting with a digit). Other names are left out of those
    /// formats, since writing them could run commands when the output is evaluated.
    /// </summary>
    public static bool IsPortableName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    private static string Render(IEnumerable<ProjectedVariable> variables, ValueRendering rendering, IReadOnlyDictionary<string, string>? filePaths, Func<(string Name, string Text), string> line)
    {
        var b = new StringBuilder();
        foreach (var variable in variables.Where(v => IsPortableName(v.Name)))
        {
            var text = variable.IsFile
                ? filePaths?.GetValueOrDefault(variable.Name) ?? ""
                : variable.IsSecret && rendering == ValueRendering.Redacted ? ValueJson.SecretPlaceholder : variable.Value;
            b.Append(line((variable.Name, text))).Append('\n');
        }
        return b.ToString();
    }

    /// <summary>Quotes a value for a POSIX shell: <c>'…'</c>, with each <c>'</c> written as <c>'\''</c>.</summary>
    public static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
