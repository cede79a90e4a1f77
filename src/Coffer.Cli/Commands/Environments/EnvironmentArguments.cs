using System.CommandLine;

namespace Coffer.Cli.Commands.Environments;

/// <summary>The arguments and options many environment commands share, worded once.</summary>
internal static class EnvironmentArguments
{
    public static Argument<string> Reference(bool versioned = false) => new("environment")
    {
        Description = versioned
            ? "The environment: [org/][project/]env, optionally @revision or @tag (default: the latest revision)."
            : "The environment: [org/][project/]env (project \"default\" and your default organization when left out).",
    };

    public static Option<string> ListFormat()
    {
        var format = new Option<string>("--format")
        {
            Description = "Output format: text or json.",
            HelpName = "format",
            DefaultValueFactory = _ => "text",
        };
        format.CompletionSources.Add("text", "json");
        return format;
    }

    public static Option<bool> Yes() => new("--yes", "-y")
    {
        Description = "Do not ask for confirmation.",
        Arity = ArgumentArity.Zero,
    };

    public static Option<bool> Utc() => new("--utc")
    {
        Description = "Print times in UTC instead of local time.",
        Arity = ArgumentArity.Zero,
    };
}
