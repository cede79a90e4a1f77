using System.CommandLine;
using System.Net;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Remote;
using Coffer.Client;
using Coffer.Language.Syntax;

namespace Coffer.Cli.Commands.Environments;

/// <summary><c>coffer env rm</c>: deletes an environment, or one value of its definition.</summary>
internal sealed class EnvRemoveCommand
{
    public static readonly CommandHelp Help = new(
        "Delete an environment, or remove one value from its definition.",
        """
        Deleting a whole environment deletes its history too and asks you to type its name to
        confirm, unless --yes is given. An environment with deletion protection on cannot be
        deleted (see coffer env settings). With a path, only that value is removed from the
        definition, which makes a new revision.
        """,
        [
            new("Delete an environment, confirming by typing its name:", "coffer env rm payments/dev"),
            new("Delete it without a question (in scripts):", "coffer env rm payments/dev --yes"),
            new("Remove one value:", "coffer env rm payments/prod database.port"),
        ]);

    private readonly Argument<string> _reference = EnvironmentArguments.Reference();

    private readonly Argument<string?> _path = new("path")
    {
        Description = "Remove only the value at this property path (under values, or imports[N]).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<bool> _yes = EnvironmentArguments.Yes();

    public EnvRemoveCommand()
    {
        Command = new Command("rm", Help.Summary) { _reference, _path, _yes };
        Command.Aliases.Add("remove");
        Command.SetAction(RemoteAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken)
    {
        var reference = await session.ResolveAsync(parseResult.GetValue(_reference)!, cancellationToken).ConfigureAwait(false);
        EnvironmentReference.RejectVersion(reference, "coffer env rm");
        var output = parseResult.InvocationConfiguration.Output;
        if (parseResult.GetValue(_path) is { } pathText)
        {
            var path = PropertyPath.TryParse(pathText, out var parsed, out var syntaxError) ? parsed : throw new CommandFailure(syntaxError);
            await DefinitionEdit.ApplyAsync(session, reference, parseResult.InvocationConfiguration.Error, document =>
            {
                if (!document.Remove(path))
                {
                    throw new CommandFailure($"{reference.Path} has no value at {pathText}");
                }
            }, cancellationToken).ConfigureAwait(false);
            return 0;
        }

        // Check that it exists before asking, so nobody confirms the deletion of a typo.
        await session.Client.GetSettingsAsync(reference.Path, cancellationToken).ConfigureAwait(false);
        if (!parseResult.GetValue(_yes))
        {
            Confirmation.Require(parseResult.InvocationConfiguration.Error, $"This deletes environment {reference.Path} and its whole history.", reference.Path.ToString());
        }
        try
        {
            await session.Client.DeleteEnvironmentAsync(reference.Path, cancellationToken).ConfigureAwait(false);
        }
        catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict && ex.Message.Contains("protect", StringComparison.OrdinalIgnoreCase))
        {
            throw new CommandFailure($"cannot delete {reference.Path}: deletion protection is on; turn it off first with coffer env settings set {reference.Path} deletion-protected false", ex);
        }
        output.Write($"Environment {reference.Path} has been removed.\n");
        return 0;
    }
}
