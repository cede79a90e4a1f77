using System.CommandLine;

namespace Coffer.Cli.Commands.Environments;

/// <summary>
/// <c>coffer env --env &lt;ref&gt; &lt;command&gt; …</c>: the environment given once, for any env
/// command, instead of as the command's first argument (handy in aliases and scripts). The flag is
/// moved into place before parsing: after the last command name, where the environment argument
/// of every env command is.
/// </summary>
internal static class EnvironmentFlag
{
    public const string Name = "--env";

    /// <summary>The flag as the env group's help shows it (the rewrite below is what gives it effect).</summary>
    public static Option<string> Option() => new(Name)
    {
        Description = "The environment for the env command that follows, instead of its first argument: [org/][project/]env[@version].",
        HelpName = "environment",
    };

    public static string[] Rewrite(RootCommand root, string[] args)
    {
        if (args.Length == 0 || root.Subcommands.FirstOrDefault(c => c.Name == "env") is not { } env || args[0] != env.Name)
        {
            return args;
        }
        var end = Array.IndexOf(args, "--");
        if (end < 0)
        {
            end = args.Length;
        }
        // coffer env run --local <folder> --env <name> keeps its own --env: the environment in the folder.
        if (args.Take(end).Contains("--local"))
        {
            return args;
        }
        var rest = new List<string>();
        string? environment = null;
        for (var i = 1; i < end; i++)
        {
            if (args[i] == Name && i + 1 < end)
            {
                environment = args[++i];
            }
            else if (args[i].StartsWith(Name + "=", StringComparison.Ordinal))
            {
                environment = args[i][(Name.Length + 1)..];
            }
            else
            {
                rest.Add(args[i]);
            }
        }
        if (environment is null)
        {
            return args;
        }
        // Walk down the command names to where the command's own arguments begin.
        Command current = env;
        var position = 0;
        while (position < rest.Count && current.Subcommands.FirstOrDefault(c => c.Name == rest[position] || c.Aliases.Contains(rest[position])) is { } next)
        {
            current = next;
            position++;
        }
        rest.Insert(position, environment);
        return [args[0], .. rest, .. args[end..]];
    }
}
