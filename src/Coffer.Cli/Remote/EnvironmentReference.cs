using Coffer.Cli.CommandLine;

namespace Coffer.Cli.Remote;

/// <summary>
/// An environment reference as written on the command line: <c>[org/][project/]env[@version]</c>
/// (<c>:</c> may stand for <c>@</c>). One part is an environment of project <c>default</c>; two
/// parts are <c>project/env</c>; both then live in the default organization. A version is a
/// revision number or a revision tag.
/// </summary>
internal sealed record EnvironmentReference(string? Organization, string Project, string Name, string? Version)
{
    public const string DefaultProject = "default";

    public static EnvironmentReference Parse(string written)
    {
        var separator = written.IndexOfAny(['@', ':']);
        var unversioned = separator < 0 ? written : written[..separator];
        var version = separator < 0 ? null : written[(separator + 1)..];
        if (version is "")
        {
            throw new CommandFailure($"environment \"{written}\" has an empty version after \"{written[separator]}\"");
        }
        var parts = unversioned.Split('/');
        if (parts.Any(p => p.Length == 0) || parts.Length > 3)
        {
            throw new CommandFailure($"\"{written}\" is not an environment reference: expected <env>, <project>/<env> or <org>/<project>/<env>, optionally with @<version>");
        }
        return parts.Length switch
        {
            1 => new EnvironmentReference(null, DefaultProject, parts[0], version),
            2 => new EnvironmentReference(null, parts[0], parts[1], version),
            _ => new EnvironmentReference(parts[0], parts[1], parts[2], version),
        };
    }

    /// <summary>Refuses a version where a command changes the environment (only the latest revision can be changed).</summary>
    public static void RejectVersion(ResolvedReference reference, string command)
    {
        if (reference.Version is not null)
        {
            throw new CommandFailure($"{command} changes the latest revision and does not accept a version (\"@{reference.Version}\")");
        }
    }
}
