using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Local;
using Coffer.Cli.Output;
using Coffer.Cli.Processes;
using Coffer.Cli.Remote;
using Coffer.Cli.Sources;
using Coffer.Cli.Variables;
using Coffer.Language.Projection;

namespace Coffer.Cli.Commands;

/// <summary><c>coffer run</c>: runs a program with an environment's variables and files.</summary>
internal sealed class RunCommand
{
    public static readonly CommandHelp Help = new(
        "Run a program with an environment's variables and files.",
        """
        The program gets coffer's own environment plus every scalar under environmentVariables;
        each scalar under files is written to a private temporary file (mode 0600) whose path is
        the variable. The files are removed when the program ends. coffer exits with the
        program's exit code, or 128 + N when a signal N ended it. Without files and --mask, the
        program runs in coffer's place (like a shell's exec), so signals reach it directly. Error
        diagnostics stop the program from being run.
        """,
        [
            new("Run a program with the variables of environment payments/prod on the server:", "coffer run payments/prod -- ./deploy.sh --verbose"),
            new("Use revision 12 of it:", "coffer run payments/prod@12 -- ./deploy.sh"),
            new("Run a program with the variables of the local file app.yaml:", "coffer run --local app.yaml -- ./deploy.sh --verbose"),
            new("Use environment project/app of the folder envs:", "coffer run --local envs --env project/app -- printenv DATABASE_URL"),
            new("Hide secret values in what the program prints:", "coffer run --local app.yaml --mask -- ./test.sh"),
            new("Use shell syntax in the command (the variables are set for the shell):", "coffer run --local app.yaml -- sh -c 'psql \"$DATABASE_URL\"'"),
        ]);

    private readonly Option<bool> _local = new("--local")
    {
        Description = "Evaluate <source> from local files (a YAML file or a folder) instead of opening it on the server.",
        Arity = ArgumentArity.Zero,
    };

    private readonly Argument<string> _source = new("source")
    {
        Description = "The environment on the server ([org/][project/]env[@version]); with --local, a YAML definition or a folder of them (then choose one with --env).",
    };

    private readonly Option<string> _lifetime = new("--lifetime", "-l")
    {
        Description = "How long the server keeps the opened environment's session (with dynamic credentials), such as 30m or 2h.",
        HelpName = "duration",
        DefaultValueFactory = _ => "2h",
    };

    private readonly Option<string?> _environment = new("--env", "-e")
    {
        Description = "The root environment when <source> is a folder: NAME or PROJECT/NAME.",
        HelpName = "name",
    };

    private readonly Option<bool> _mask = new("--mask")
    {
        Description = "Replace secret values in the program's output with \"[secret]\" (output is then line-buffered and not a terminal).",
        Arity = ArgumentArity.Zero,
    };

    private readonly Argument<string[]> _commandLine = new("command")
    {
        Description = "The program to run and its arguments, after \"--\". It is found on PATH and run without a shell.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public RunCommand()
    {
        Command = new Command("run", Help.Summary)
        {
            _local,
            _source,
            _environment,
            _lifetime,
            _mask,
            _commandLine,
        };
        Command.SetAction(GuardedAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var error = parseResult.InvocationConfiguration.Error;
        var commandLine = parseResult.GetValue(_commandLine) ?? [];
        if (commandLine.Length == 0)
        {
            throw new CommandFailure("no command given: coffer run <environment> -- <command> [arguments...]");
        }
        var source = OpenSource(parseResult);

        var environment = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        DiagnosticPrinter.Print(error, environment);
        if (environment.HasErrors)
        {
            throw new CommandFailure($"not running {commandLine[0]}: the environment has errors");
        }

        var variables = EnvironmentProjection.Project(environment.Value);
        foreach (var variable in variables)
        {
            if (VariableNames.ProcessEnvironmentProblem(variable.Name, variable.IsFile ? "" : variable.Value) is { } problem)
            {
                throw new CommandFailure($"not running {commandLine[0]}: {problem}");
            }
        }
        var executable = ExecutableLookup.Find(commandLine[0])
            ?? throw new CommandFailure($"command not found: {commandLine[0]}");
        var arguments = commandLine.Skip(1).ToList();
        var mask = parseResult.GetValue(_mask);
        var hasFiles = variables.Any(v => v.IsFile);

        // Nothing to do once the program ends (no files to remove, no output to mask): it runs in
        // coffer's place, so signals reach it directly and its exit status is coffer's.
        if (!mask && !hasFiles && ProgramExec.IsSupported)
        {
            var variablesOnly = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
            ProgramExec.Replace(new ChildProcessStart(executable, arguments, variablesOnly));
        }

        var masker = mask ? SecretMasker.For(environment.Value, variables) : null;

        // Signals are taken over before any file is written, so that no signal can end coffer
        // between writing the files and removing them.
        using var signals = SignalForwarder.Register();
        using var files = hasFiles ? ProjectedFileDirectory.Create() : null;
        var paths = files?.Write(variables.Where(v => v.IsFile), file => file.Value) ?? new Dictionary<string, string>();
        var childEnvironment = variables.ToDictionary(v => v.Name, v => v.IsFile ? paths[v.Name] : v.Value, StringComparer.Ordinal);
        var child = new ChildProcessStart(executable, arguments, childEnvironment);
        return await ChildProcess.RunAsync(child, signals, masker).ConfigureAwait(false);
    }

    private IEnvironmentSource OpenSource(ParseResult parseResult)
    {
        var source = parseResult.GetValue(_source)!;
        if (parseResult.GetValue(_local))
        {
            return LocalEnvironmentSource.Locate(source, parseResult.GetValue(_environment));
        }
        if (File.Exists(source))
        {
            // An environment name that is also a file here is far more likely a forgotten --local.
            throw new CommandFailure($"\"{source}\" is a local file: to evaluate it offline use coffer run --local {source} -- <command>");
        }
        if (parseResult.GetValue(_environment) is not null)
        {
            throw new CommandFailure("--env chooses an environment in a local folder (with --local); on a server, give the environment as <source>");
        }
        return new RemoteEnvironmentSource(source, Lifetime.Parse(parseResult.GetValue(_lifetime)!));
    }
}
