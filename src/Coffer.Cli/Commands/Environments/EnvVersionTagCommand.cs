using System.CommandLine;
using System.Net;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Remote;
using Coffer.Client;

namespace Coffer.Cli.Commands.Environments;

/// <summary><c>coffer env version tag</c>: points a revision tag at a revision, creating it if needed.</summary>
internal sealed class EnvVersionTagCommand
{
    public static readonly CommandHelp Help = new(
        "Point a revision tag at a revision (creating the tag if needed).",
        """
        A revision tag names a revision, so that env@tag opens it: tag what you released as stable
        and open payments/prod@stable in production. Without a revision the tag points at the
        latest one. Tag names cannot start with a digit (those are revision numbers), and latest
        always names the newest revision. coffer env version tag ls lists the tags and
        coffer env version tag rm deletes one.
        """,
        [
            new("Tag the latest revision as stable:", "coffer env version tag payments/prod@stable"),
            new("Point stable back at revision 3:", "coffer env version tag payments/prod@stable 3"),
            new("List the revision tags:", "coffer env version tag ls payments/prod"),
        ]);

    private readonly Argument<string> _reference = new("environment@tag")
    {
        Description = "The environment and the tag: [org/][project/]env@tag.",
    };

    private readonly Argument<string?> _revision = new("revision")
    {
        Description = "The revision number, or @N / @tag (default: the latest revision).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public EnvVersionTagCommand()
    {
        Command = new Command("tag", Help.Summary) { _reference, _revision };
        Command.SetAction(RemoteAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken)
    {
        var reference = await session.ResolveAsync(parseResult.GetValue(_reference)!, cancellationToken).ConfigureAwait(false);
        var tag = reference.Version ?? throw new CommandFailure("name the tag after @, such as payments/prod@stable");
        if (char.IsAsciiDigit(tag[0]))
        {
            throw new CommandFailure($"\"{tag}\" cannot be a tag name: names starting with a digit are revision numbers");
        }
        var revision = await RevisionNumberAsync(session, reference, parseResult.GetValue(_revision), cancellationToken).ConfigureAwait(false);
        try
        {
            await session.Client.UpdateRevisionTagAsync(reference.Path, tag, revision, cancellationToken).ConfigureAwait(false);
        }
        catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            await session.Client.CreateRevisionTagAsync(reference.Path, tag, revision, cancellationToken).ConfigureAwait(false);
        }
        var current = await session.Client.GetRevisionTagAsync(reference.Path, tag, cancellationToken).ConfigureAwait(false);
        parseResult.InvocationConfiguration.Output.Write($"{reference.Path}@{tag} now points at revision {current.Revision}\n");
        return 0;
    }

    private static async Task<int?> RevisionNumberAsync(RemoteSession session, ResolvedReference reference, string? written, CancellationToken cancellationToken)
    {
        if (written is null)
        {
            return null;
        }
        return await RevisionNumbers.ResolveAsync(session, reference.Path, written.TrimStart('@', ':'), cancellationToken).ConfigureAwait(false);
    }
}
