using Coffer.Cli.CommandLine;

namespace Coffer.Cli.Commands.Environments;

/// <summary>The <c>coffer env</c> group: environments on a Coffer server.</summary>
internal static class EnvCommands
{
    public static readonly CommandHelp Help = new(
        "Manage environments on a Coffer server.",
        """
        Environments are named [org/][project/]env: one part is an environment of project
        "default", two parts are project/env, both in your default organization. Where a command
        reads an environment, @N selects revision N and @tag a tagged revision. --env <environment>
        before a command names the environment instead of the command's first argument. Log in
        first with coffer login, or set COFFER_URL and COFFER_ACCESS_TOKEN.
        """,
        [
            new("Create an environment and set a value:", "coffer env init payments/dev && coffer env set payments/dev region eu-west-1"),
            new("List environments:", "coffer env ls"),
            new("Print an environment's values, secrets included:", "coffer env open payments/dev"),
            new("Name the environment once, with --env:", "coffer env --env payments/dev get region"),
        ]);

    public static readonly CommandHelp VersionHelp = new(
        "Work with an environment's revisions and revision tags.",
        "Every change to a definition makes a new revision; revision tags name revisions so that env@tag opens them.",
        [
            new("List the revisions:", "coffer env version ls payments/prod"),
            new("Tag the latest revision as stable:", "coffer env version tag payments/prod@stable"),
            new("List the revision tags:", "coffer env version tag ls payments/prod --utc"),
        ]);

    public static void Add(CommandTree tree, System.CommandLine.RootCommand root)
    {
        var env = tree.AddGroup(root, "env", Help);
        env.Options.Add(EnvironmentFlag.Option());
        tree.Add(env, new EnvListCommand().Command, EnvListCommand.Help);
        tree.Add(env, new EnvInitCommand().Command, EnvInitCommand.Help);
        tree.Add(env, new EnvGetCommand().Command, EnvGetCommand.Help);
        tree.Add(env, new EnvEditCommand().Command, EnvEditCommand.Help);
        tree.Add(env, new EnvSetCommand().Command, EnvSetCommand.Help);
        tree.Add(env, new EnvRemoveCommand().Command, EnvRemoveCommand.Help);
        tree.Add(env, new OpenCommand().Command, OpenCommand.Help);
        tree.Add(env, new RunCommand().Command, RunCommand.Help);
        tree.Add(env, new EnvDiffCommand().Command, EnvDiffCommand.Help);
        tree.Add(env, new EnvCloneCommand().Command, EnvCloneCommand.Help);
        tree.Add(env, new EnvRotateCommand().Command, EnvRotateCommand.Help);
        var version = tree.AddGroup(env, "version", VersionHelp);
        tree.Add(version, new EnvVersionListCommand().Command, EnvVersionListCommand.Help);
        var versionTag = tree.Add(version, new EnvVersionTagCommand().Command, EnvVersionTagCommand.Help);
        EnvVersionTagListCommands.Add(tree, versionTag);
        EnvVersionChangeCommands.Add(tree, version);
        EnvTagCommands.Add(tree, env);
        EnvSettingsCommands.Add(tree, env);
        EnvAccessCommands.Add(tree, env);
    }
}
