using System.CommandLine;
using System.Net;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Definitions;
using Coffer.Cli.Remote;
using Coffer.Client;

namespace Coffer.Cli.Commands.Environments;

/// <summary><c>coffer env init</c>: creates an environment, optionally with a first definition.</summary>
internal sealed class EnvInitCommand
{
    public static readonly CommandHelp Help = new(
        "Create an environment, empty or from a YAML file.",
        """
        With --file the definition is checked by the server; one with errors is not stored (the
        environment is then created empty, the diagnostics are printed and the exit code is 1).
        Plaintext fn::secret values are encrypted by the server before they are stored.
        """,
        [
            new("Create an empty environment:", "coffer env init payments/dev"),
            new("Create an environment from a file:", "coffer env init payments/prod --file prod.yaml"),
            new("Create it from standard input:", "cat prod.yaml | coffer env init payments/prod --file -"),
        ]);

    private readonly Argument<string> _reference = EnvironmentArguments.Reference();

    private readonly Option<string?> _file = new("--file", "-f")
    {
        Description = "Read the first definition from this file (\"-\" for standard input).",
        HelpName = "file",
    };

    public EnvInitCommand()
    {
        Command = new Command("init", Help.Summary) { _reference, _file };
        Command.Aliases.Add("new");
        Command.SetAction(RemoteAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken)
    {
        var reference = await session.ResolveAsync(parseResult.GetValue(_reference)!, cancellationToken).ConfigureAwait(false);
        EnvironmentReference.RejectVersion(reference, "coffer env init");
        var file = parseResult.GetValue(_file);
        // Read the file first: a missing file should not leave an empty environment behind.
        var yaml = file is null ? null : await DefinitionInput.ReadAsync(file, cancellationToken).ConfigureAwait(false);

        try
        {
            await session.Client.CreateEnvironmentAsync(reference.Path, cancellationToken).ConfigureAwait(false);
        }
        catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            throw new CommandFailure($"environment {reference.Path} already exists", ex);
        }
        var output = parseResult.InvocationConfiguration.Output;
        output.Write($"Environment created: {reference.Path}\n");
        if (yaml is null)
        {
            return 0;
        }
        var error = parseResult.InvocationConfiguration.Error;
        try
        {
            var update = await session.Client.UpdateEnvironmentAsync(reference.Path, yaml, cancellationToken: cancellationToken).ConfigureAwait(false);
            DefinitionDiagnostics.Print(error, update.Warnings, reference.Path, DefinitionInput.DisplayName(file!));
        }
        catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.BadRequest && ex.Diagnostics.Count > 0)
        {
            throw DefinitionDiagnostics.Refused(error, ex, reference.Path, $"{reference.Path} was created empty; the definition in {DefinitionInput.DisplayName(file!)} was not stored", DefinitionInput.DisplayName(file!));
        }
        return 0;
    }
}
