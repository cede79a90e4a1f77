using Coffer.Cli.CommandLine;
using Coffer.Language.Projection;
using Coffer.Language.Values;

namespace Coffer.Cli.Output;

/// <summary>
/// Variables as a file for <c>docker run --env-file</c> (and Compose's <c>env_file</c> with
/// <c>format: raw</c>). Docker reads each line as <c>KEY=VALUE</c> with the value taken literally:
/// it removes no quotes and reads no escapes, so the dotenv format's <c>KEY="value"</c> would reach
/// the container with its quotes. Here values are written as they are, which is exact for every
/// value that fits on one line; a value with a line break cannot be written at all.
/// </summary>
internal static class DockerEnvFile
{
    /// <summary>Refuses the output when a value would not survive Docker's line-based reading.</summary>
    public static void CheckValues(IEnumerable<ProjectedVariable> variables)
    {
        // File entries become paths, and the files themselves may hold any text.
        var broken = variables.FirstOrDefault(v => !v.IsFile && HasLineBreak(v.Value));
        if (broken is not null)
        {
            throw new CommandFailure(
                $"{broken.Name} cannot be written as docker-env: its value has a line break, and Docker's --env-file reads one line per variable; " +
                "move it under files, or use coffer run or --format dotenv");
        }
    }

    /// <summary><c>KEY=VALUE</c> lines; secrets are <c>[secret]</c> when <paramref name="rendering"/> redacts.</summary>
    public static string Render(IEnumerable<ProjectedVariable> variables, ValueRendering rendering, IReadOnlyDictionary<string, string>? filePaths)
    {
        var lines = variables
            .Select(v => v with
            {
                IsFile = false,
                Value = v.IsFile ? filePaths?.GetValueOrDefault(v.Name) ?? ""
                    : v.IsSecret && rendering == ValueRendering.Redacted ? ValueJson.SecretPlaceholder : v.Value,
            })
            .ToList();
        // A file's path is a line too: a TMPDIR with a line break must not corrupt the output.
        CheckValues(lines);
        return string.Concat(lines.Select(v => $"{v.Name}={v.Value}\n"));
    }

    // Docker drops a "\r" before each "\n" and keeps one elsewhere; refusing both keeps the rule simple.
    private static bool HasLineBreak(string value) => value.AsSpan().IndexOfAny('\n', '\r') >= 0;
}
