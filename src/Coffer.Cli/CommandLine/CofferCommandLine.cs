using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Coffer.Cli.Commands;
using Coffer.Cli.Commands.Account;
using Coffer.Cli.Commands.Audit;
using Coffer.Cli.Commands.Environments;
using Coffer.Cli.Commands.Organizations;
using Coffer.Cli.Remote;

namespace Coffer.Cli.CommandLine;

/// <summary>The <c>coffer</c> command line: its grammar, and how a parsed command line is run.</summary>
internal static class CofferCommandLine
{
    private static readonly CommandHelp Help = new(
        "Coffer: environments, secrets and configuration.",
        """
        Manages environments (the ESC YAML language) on a Coffer server, evaluates them from local
        files, and runs programs with their environment variables and files. Secrets stay redacted
        unless asked for. Run "coffer <command> --help" for a command's options.
        """,
        [
            new("Log in to a server:", "coffer login https://coffer.example.com"),
            new("Run a program with the variables of environment payments/prod:", "coffer run payments/prod -- ./deploy.sh"),
            new("Print the environment defined by the local file app.yaml as JSON:", "coffer eval app.yaml"),
            new("Run a program with the variables of environment app in the folder envs:", "coffer run --local envs --env app -- ./deploy.sh"),
            new("Show the options of a command:", "coffer eval --help"),
        ]);

    /// <summary>
    /// The top-level commands in the order help lists them, each with what adds it (and its
    /// subcommands) to the root. Building every command with all its options costs a noticeable
    /// part of a short command's start-up, so a command line that names one builds only that one.
    /// </summary>
    private static readonly (string Name, Action<CommandTree, RootCommand> Add)[] TopLevel =
    [
        ("eval", (tree, root) => tree.Add(root, new EvalCommand().Command, EvalCommand.Help)),
        ("run", (tree, root) => tree.Add(root, new RunCommand().Command, RunCommand.Help)),
        ("login", (tree, root) => tree.Add(root, new LoginCommand().Command, LoginCommand.Help)),
        ("logout", (tree, root) => tree.Add(root, new LogoutCommand().Command, LogoutCommand.Help)),
        ("whoami", (tree, root) => tree.Add(root, new WhoamiCommand().Command, WhoamiCommand.Help)),
        ("password", (tree, root) => tree.Add(root, new PasswordCommand().Command, PasswordCommand.Help)),
        ("env", EnvCommands.Add),
        // The commands used most have top-level shortcuts: coffer open, coffer run.
        ("open", (tree, root) => tree.Add(root, new OpenCommand().Command, OpenCommand.Help)),
        ("org", OrgCommands.Add),
        ("team", TeamCommands.Add),
        ("token", TokenCommands.Add),
        ("audit", AuditCommands.Add),
        ("completion", (tree, root) => tree.Add(root, new CompletionCommand().Command, CompletionCommand.Help)),
    ];

    /// <summary>The whole command tree.</summary>
    public static RootCommand Build() => Build(null);

    /// <summary>
    /// The command tree for <paramref name="args"/>: when the first argument names a top-level
    /// command, the root with only that command, which parses the command line exactly as the
    /// whole tree does; otherwise (no arguments, an option first such as --help or --version, a
    /// mistyped command) the whole tree, so that help and error messages list every command.
    /// </summary>
    public static RootCommand BuildFor(string[] args) =>
        Build(args.Length > 0 && Array.FindIndex(TopLevel, c => c.Name == args[0]) is var index and >= 0 ? TopLevel[index].Name : null);

    private static RootCommand Build(string? only)
    {
        var root = new RootCommand(Help.Summary);
        var tree = new CommandTree(root, Help);
        foreach (var (name, add) in TopLevel)
        {
            if (only is null || only == name)
            {
                add(tree, root);
            }
        }
        HelpWithExamplesAction.Install(root, tree.Help);
        // "coffer" (or a group such as "coffer env") alone shows the help rather than complaining that a command is missing.
        foreach (var group in tree.Groups)
        {
            group.SetAction(parseResult => ((SynchronousCommandLineAction)root.Options.OfType<HelpOption>().Single().Action!).Invoke(parseResult));
        }
        return root;
    }

    public static async Task<int> InvokeAsync(string[] args)
    {
        ServerCallWarmUp.StartFor(args);
        // Response files (@file) are off: an argument of the child command in "coffer run" must
        // never be replaced by the contents of a file.
        var root = BuildFor(args);
        var parseResult = root.Parse(EnvironmentFlag.Rewrite(root, args), new ParserConfiguration { ResponseFileTokenReplacer = null });
        var invocation = new InvocationConfiguration
        {
            // coffer run handles termination signals itself (it forwards them to its child).
            ProcessTerminationTimeout = null,
        };
        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                ConsoleReport.Error(invocation.Error, error.Message);
            }
            invocation.Error.Write($"Run '{CommandPath(parseResult)} --help' for usage.\n");
            return ConsoleReport.FailureExitCode;
        }
        return await parseResult.InvokeAsync(invocation).ConfigureAwait(false);
    }

    private static string CommandPath(ParseResult parseResult)
    {
        var names = new List<string>();
        for (var result = parseResult.CommandResult; result is not null; result = result.Parent as CommandResult)
        {
            names.Insert(0, result.Command is RootCommand ? "coffer" : result.Command.Name);
        }
        return string.Join(' ', names);
    }
}
