using System.CommandLine;
using System.Net;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Definitions;
using Coffer.Cli.Editing;
using Coffer.Cli.Output;
using Coffer.Cli.Remote;
using Coffer.Client;

namespace Coffer.Cli.Commands.Environments;

/// <summary><c>coffer env edit</c>: edits a definition in the user's editor (or replaces it from a file).</summary>
internal sealed class EnvEditCommand
{
    public static readonly CommandHelp Help = new(
        "Edit an environment's definition in your editor, or replace it from a file.",
        """
        Opens the definition in --editor, $VISUAL or $EDITOR (else vi) and saves it when the editor
        exits. If the server refuses it, the problems are printed and added to the file as
        comments: press ENTER to edit again, or ^D to stop — your text is kept in the file either
        way. If someone else changed the environment meanwhile, nothing is overwritten and your
        text is kept. An unchanged file saves nothing; an empty one aborts. With --file the
        definition is replaced by the file's content.
        """,
        [
            new("Edit an environment:", "coffer env edit payments/prod"),
            new("Edit it with secrets in plaintext, in VS Code:", "coffer env edit payments/prod --show-secrets --editor code"),
            new("Replace the definition from a file:", "coffer env edit payments/prod --file prod.yaml"),
        ]);

    private readonly Argument<string> _reference = EnvironmentArguments.Reference();

    private readonly Option<string?> _file = new("--file", "-f")
    {
        Description = "Replace the definition with this file's content (\"-\" for standard input) instead of opening an editor.",
        HelpName = "file",
    };

    private readonly Option<string?> _editor = new("--editor")
    {
        Description = "The editor command (default: $VISUAL, else $EDITOR, else vi).",
        HelpName = "command",
    };

    private readonly Option<bool> _showSecrets = new("--show-secrets")
    {
        Description = "Edit secrets in plaintext (they are encrypted again when saved).",
        Arity = ArgumentArity.Zero,
    };

    public EnvEditCommand()
    {
        Command = new Command("edit", Help.Summary) { _reference, _file, _editor, _showSecrets };
        Command.SetAction(RemoteAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken)
    {
        var reference = await session.ResolveAsync(parseResult.GetValue(_reference)!, cancellationToken).ConfigureAwait(false);
        EnvironmentReference.RejectVersion(reference, "coffer env edit");
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;

        if (parseResult.GetValue(_file) is { } file)
        {
            var yaml = await DefinitionInput.ReadAsync(file, cancellationToken).ConfigureAwait(false);
            try
            {
                var update = await session.Client.UpdateEnvironmentAsync(reference.Path, yaml, cancellationToken: cancellationToken).ConfigureAwait(false);
                DefinitionDiagnostics.Print(error, update.Warnings, reference.Path, DefinitionInput.DisplayName(file));
                output.Write($"Environment updated: revision {update.Revision}.\n");
                return 0;
            }
            catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.BadRequest && ex.Diagnostics.Count > 0)
            {
                throw DefinitionDiagnostics.Refused(error, ex, reference.Path, $"{reference.Path} was not changed", DefinitionInput.DisplayName(file));
            }
        }

        var editor = EditorCommand.Choose(parseResult.GetValue(_editor));
        var current = await session.Client.GetEnvironmentAsync(reference.Path, decrypt: parseResult.GetValue(_showSecrets), cancellationToken: cancellationToken).ConfigureAwait(false);
        var buffer = EditBuffer.Create($"{reference.Path.Project}-{reference.Path.Name}", current.Yaml);
        while (true)
        {
            await editor.EditAsync(buffer.Path, cancellationToken).ConfigureAwait(false);
            var edited = buffer.Read();
            if (edited.Trim().Length == 0)
            {
                buffer.Delete();
                output.Write("Aborting edit: the definition is empty (to delete the environment, use coffer env rm).\n");
                return 0;
            }
            if (edited == current.Yaml)
            {
                buffer.Delete();
                output.Write("No changes.\n");
                return 0;
            }
            try
            {
                var update = await session.Client.UpdateEnvironmentAsync(reference.Path, edited, current.ETag, cancellationToken).ConfigureAwait(false);
                DefinitionDiagnostics.Print(error, update.Warnings, reference.Path);
                buffer.Delete();
                output.Write($"Environment updated: revision {update.Revision}.\n");
                return 0;
            }
            catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.BadRequest && ex.Diagnostics.Count > 0)
            {
                var names = new Dictionary<string, string> { [$"{reference.Path.Project}/{reference.Path.Name}"] = Path.GetFileName(buffer.Path) };
                var problems = ex.Diagnostics.Select(d => DiagnosticPrinter.Format(ApiDiagnostics.ToLanguage(d), names)).ToList();
                buffer.Write(edited, problems);
                DefinitionDiagnostics.Print(error, ex.Diagnostics, reference.Path);
                error.Write("Press ENTER to continue editing or ^D to exit: ");
                if (Console.In.ReadLine() is null)
                {
                    error.Write("\n");
                    throw new CommandFailure($"{reference.Path} was not changed; your text is in {buffer.Path}");
                }
            }
            catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
            {
                throw new CommandFailure($"{reference.Path} was changed by someone else while you edited it (revision {current.Revision} is no longer the latest), so nothing was saved; your text is in {buffer.Path}", ex);
            }
            catch (Exception ex) when (session.Describe(ex) is { } failure)
            {
                throw new CommandFailure($"{failure.Message}; your text is in {buffer.Path}", ex);
            }
        }
    }
}
