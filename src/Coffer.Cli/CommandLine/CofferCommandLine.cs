using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using Coffer.Cli.Commands;
using Coffer.Cli.Commands.Account;
using Coffer.Cli.Commands.Audit;
using Coffer.Cli.Commands.Environments;
using Coffer.Cli.Commands.Organizations;

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

    public static RootCommand Build()
    {
        var root = new RootCommand(Help.Summary);
        var tree = new CommandTree(root, Help);
        tree.Add(root, new EvalCommand().Command, EvalCommand.Help);
        tree.Add(root, new RunCommand().Command, RunCommand.Help);
        tree.Add(root, new LoginCommand().Command, LoginCommand.Help);
        tree.Add(root, new LogoutCommand().Command, LogoutCommand.Help);
        tree.Add(root, new WhoamiCommand().Command, WhoamiCommand.Help);
        tree.Add(root, new PasswordCommand().Command, PasswordCommand.Help);
        EnvCommands.Add(tree, root);
        OrgCommands.Add(tree, root);
        TeamCommands.Add(tree, root);
        TokenCommands.Add(tree, root);
        AuditCommands.Add(tree, root);
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
        // Response files (@file) are off: an argument of the child command in "coffer run" must
        // never be replaced by the contents of a file.
        var root = Build();
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
