using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Local;
using Coffer.Cli.Output;
using Coffer.Cli.Sources;
using Coffer.Language.Values;

namespace Coffer.Cli.Commands;

/// <summary><c>coffer eval</c>: evaluates an environment from local files and prints it.</summary>
internal sealed class EvalCommand
{
    public static readonly CommandHelp Help = new(
        "Evaluate an environment from local files and print it.",
        """
        Imports are read from files next to the root environment: NAME.yaml, PROJECT/NAME.yaml,
        and default/NAME.yaml for one-part names. Diagnostics go to standard error as
        file:line:column: severity: message; the exit code is 1 when there is an error.
        """,
        [
            new("Print app.yaml as JSON, secrets redacted (imports resolve next to it):", "coffer eval app.yaml"),
            new("Evaluate environment project/app of the folder envs, secrets shown:", "coffer eval envs --env project/app --show-secrets"),
            new("Print one value:", "coffer eval app.yaml --path database.host --format string"),
            new("Load the variables into the current shell:", "eval \"$(coffer eval app.yaml --format shell --show-secrets)\""),
            new("Write a .env file:", "coffer eval app.yaml --format dotenv --show-secrets > .env"),
        ]);

    private readonly Argument<string> _path = new("path")
    {
        Description = "A YAML environment definition, or a folder of them (then choose one with --env).",
    };

    private readonly Option<string?> _environment = new("--env", "-e")
    {
        Description = "The root environment when <path> is a folder: NAME or PROJECT/NAME, found as NAME.yaml or PROJECT/NAME.yaml.",
        HelpName = "name",
    };

    private readonly Option<bool> _showSecrets = new("--show-secrets")
    {
        Description = "Print secret values instead of \"[secret]\".",
    };

    private readonly Option<string> _format = new("--format", "-f")
    {
        Description = "Output format: json, yaml, dotenv, docker-env, shell, string or detailed.",
        HelpName = "format",
        DefaultValueFactory = _ => "json",
    };

    private readonly Option<string?> _propertyPath = new("--path", "-p")
    {
        Description = "Print only the value at this property path, such as database.hosts[0] or tags[\"team\"].",
        HelpName = "property",
    };

    public EvalCommand()
    {
        _format.CompletionSources.Add([.. OutputFormats.Names]);
        Command = new Command("eval", Help.Summary)
        {
            _path,
            _environment,
            _showSecrets,
            _format,
            _propertyPath,
        };
        Command.SetAction(GuardedAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var rendering = parseResult.GetValue(_showSecrets) ? ValueRendering.Revealed : ValueRendering.Redacted;
        var printer = EnvironmentOutput.Parse(parseResult.GetValue(_format)!, parseResult.GetValue(_propertyPath), rendering);

        IEnvironmentSource source = LocalEnvironmentSource.Locate(parseResult.GetValue(_path)!, parseResult.GetValue(_environment));
        var environment = await source.OpenAsync(cancellationToken).ConfigureAwait(false);

        // Everything for standard error comes after the output, so that the two read in order when
        // they go to the same terminal.
        var warnings = printer.Write(environment.Value, output);
        foreach (var warning in warnings)
        {
            ConsoleReport.Warning(error, warning);
        }
        DiagnosticPrinter.Print(error, environment);
        return environment.HasErrors ? ConsoleReport.FailureExitCode : 0;
    }
}
