using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Output;
using Coffer.Cli.Remote;
using Coffer.Language.Values;

namespace Coffer.Cli.Commands.Environments;

/// <summary><c>coffer env open</c> (and <c>coffer open</c>): opens an environment on the server and prints its values, secrets included.</summary>
internal sealed class OpenCommand
{
    public static readonly CommandHelp Help = new(
        "Open an environment on the server and print its values, secrets included.",
        """
        Opening evaluates the environment on the server: imports are resolved, secrets decrypted and
        providers run. Secrets are printed in plaintext — that is what opening is for (use
        "coffer env get" to look at an environment with secrets hidden). Diagnostics go to standard
        error; the exit code is 1 when the environment has errors.
        """,
        [
            new("Print an environment as JSON:", "coffer env open payments/prod"),
            new("Print one value as text:", "coffer env open payments/prod database.host --format string"),
            new("Load the variables into the current shell:", "eval \"$(coffer env open payments/prod --format shell)\""),
            new("Pass the variables to a container:", "coffer env open payments/prod --format docker-env > prod.env && docker run --env-file prod.env app"),
            new("Open revision 3, or the revision tagged stable:", "coffer env open payments/prod@3"),
        ]);

    private readonly Argument<string> _reference = EnvironmentArguments.Reference(versioned: true);

    private readonly Argument<string?> _path = new("path")
    {
        Description = "Print only the value at this property path, such as database.hosts[0].",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string> _format = new("--format", "-f")
    {
        Description = "Output format: json, yaml, dotenv, docker-env, shell, string or detailed.",
        HelpName = "format",
        DefaultValueFactory = _ => "json",
    };

    private readonly Option<string> _lifetime = new("--lifetime", "-l")
    {
        Description = "How long the server keeps the open session, such as 30m or 2h.",
        HelpName = "duration",
        DefaultValueFactory = _ => "2h",
    };

    public OpenCommand()
    {
        _format.CompletionSources.Add([.. OutputFormats.Names]);
        Command = new Command("open", Help.Summary) { _reference, _path, _format, _lifetime };
        Command.SetAction(GuardedAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var printer = EnvironmentOutput.Parse(parseResult.GetValue(_format)!, parseResult.GetValue(_path), ValueRendering.Revealed, pathOption: "a property path");
        var source = new RemoteEnvironmentSource(parseResult.GetValue(_reference)!, Lifetime.Parse(parseResult.GetValue(_lifetime)!));
        var environment = await source.OpenAsync(cancellationToken).ConfigureAwait(false);
        var error = parseResult.InvocationConfiguration.Error;
        if (environment.HasErrors)
        {
            DiagnosticPrinter.Print(error, environment);
            throw new CommandFailure($"cannot open {parseResult.GetValue(_reference)}: its definition has errors");
        }
        foreach (var warning in printer.Write(environment.Value, parseResult.InvocationConfiguration.Output))
        {
            ConsoleReport.Warning(error, warning);
        }
        DiagnosticPrinter.Print(error, environment);
        return 0;
    }
}
