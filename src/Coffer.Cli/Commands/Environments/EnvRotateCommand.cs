using System.CommandLine;
using System.Net;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Remote;
using Coffer.Client;

namespace Coffer.Cli.Commands.Environments;

/// <summary><c>coffer env rotate</c>: rotates an environment's <c>fn::rotate</c> secrets on the server.</summary>
internal sealed class EnvRotateCommand
{
    public static readonly CommandHelp Help = new(
        "Rotate an environment's fn::rotate secrets into a new revision.",
        """
        Runs the rotators of the environment (all of them, or those at the given paths under
        values) on the server and writes their new state, encrypted, as a new revision: every later
        open sees the new secret as current and the one it replaced as previous. Needs write access.
        A rotator that fails is reported with its reason, and coffer exits with 1; the others are
        still written. Refused if someone changes the environment meanwhile.
        """,
        [
            new("Rotate every rotated secret of payments/prod:", "coffer env rotate payments/prod"),
            new("Rotate only the database password:", "coffer env rotate payments/prod db.password"),
        ]);

    private readonly Argument<string> _reference = EnvironmentArguments.Reference();

    private readonly Argument<string[]> _paths = new("path")
    {
        Description = "Where a fn::rotate value is, under values, such as db.password (default: every one).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public EnvRotateCommand()
    {
        Command = new Command("rotate", Help.Summary) { _reference, _paths };
        Command.SetAction(RemoteAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken)
    {
        var reference = await session.ResolveAsync(parseResult.GetValue(_reference)!, cancellationToken).ConfigureAwait(false);
        EnvironmentReference.RejectVersion(reference, "coffer env rotate");
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        Client.Models.RotationEvent rotation;
        try
        {
            rotation = await session.Client.RotateEnvironmentAsync(reference.Path, parseResult.GetValue(_paths), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.BadRequest && ex.Diagnostics.Count > 0)
        {
            throw DefinitionDiagnostics.Refused(error, ex, reference.Path, $"{reference.Path} was not rotated");
        }
        catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            throw new CommandFailure($"{reference.Path} was changed by someone else while it was rotated; nothing was written, run the command again", ex);
        }

        var rotations = rotation.Rotations ?? [];
        if (rotations.Count == 0)
        {
            output.Write($"Environment '{reference.Path}' has nothing to rotate: it has no fn::rotate values.\n");
            return 0;
        }
        if (rotation.PostRotationRevision is { } revision)
        {
            var failedAny = rotations.Any(r => !r.Succeeded);
            output.Write($"Environment '{reference.Path}' rotated{(failedAny ? " in part" : "")}.\nNew revision '{revision}' was created.\n");
        }
        foreach (var failed in rotations.Where(r => !r.Succeeded))
        {
            ConsoleReport.Error(error, $"{failed.EnvironmentPath} was not rotated: {failed.ErrorMessage ?? "the server gave no reason"}");
        }
        return rotations.All(r => r.Succeeded) ? 0 : ConsoleReport.FailureExitCode;
    }
}
