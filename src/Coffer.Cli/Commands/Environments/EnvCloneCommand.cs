using System.CommandLine;
using System.Net;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Remote;
using Coffer.Client;
using Coffer.Client.Models;

namespace Coffer.Cli.Commands.Environments;

/// <summary><c>coffer env clone</c>: copies an environment within its organization.</summary>
internal sealed class EnvCloneCommand
{
    public static readonly CommandHelp Help = new(
        "Copy an environment to a new one in the same organization.",
        """
        The copy starts with the source's current definition (or the revision given with @N or
        @tag), its secrets re-encrypted for the copy. The destination is [project/]env; without a
        project it goes in the source's project. --preserve-history copies every revision instead.
        --preserve-access gives the copy the grants on the source (who may read, open, write or
        administer it); only an organization administrator may ask for that, as for setting grants.
        """,
        [
            new("Copy payments/prod to payments/staging:", "coffer env clone payments/prod staging"),
            new("Copy it with the same grants (as an organization administrator):", "coffer env clone payments/prod prod-copy --preserve-access"),
            new("Copy it to another project, with its history and tags:", "coffer env clone payments/prod billing/prod --preserve-history --preserve-rev-tags --preserve-env-tags"),
        ]);

    private readonly Argument<string> _source = EnvironmentArguments.Reference(versioned: true);

    private readonly Argument<string> _destination = new("destination")
    {
        Description = "The new environment: [project/]env, in the source's organization (and project, when left out).",
    };

    private readonly Option<bool> _history = Flag("--preserve-history", "Copy every revision, not only the current definition.");
    private readonly Option<bool> _access = Flag("--preserve-access", "Copy the grants on the environment (organization administrators only).");
    private readonly Option<bool> _environmentTags = Flag("--preserve-env-tags", "Copy the environment tags.");
    private readonly Option<bool> _revisionTags = Flag("--preserve-rev-tags", "Copy the revision tags (with --preserve-history).");

    public EnvCloneCommand()
    {
        Command = new Command("clone", Help.Summary) { _source, _destination, _history, _access, _environmentTags, _revisionTags };
        Command.SetAction(RemoteAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken)
    {
        var source = await session.ResolveAsync(parseResult.GetValue(_source)!, cancellationToken).ConfigureAwait(false);
        var written = parseResult.GetValue(_destination)!;
        var parts = written.Split('/');
        if (parts.Length > 2 || parts.Any(p => p.Length == 0) || written.IndexOfAny(['@', ':']) >= 0)
        {
            throw new CommandFailure($"\"{written}\" is not a destination: expected env or project/env (a clone stays in the source's organization)");
        }
        var destination = parts.Length == 2
            ? new EnvironmentPath(source.Path.Organization, parts[0], parts[1])
            : new EnvironmentPath(source.Path.Organization, source.Path.Project, parts[0]);
        if (parseResult.GetValue(_revisionTags) && !parseResult.GetValue(_history))
        {
            throw new CommandFailure("--preserve-rev-tags needs --preserve-history: tags name revisions, which are only copied with the history");
        }
        int? version = null;
        if (source.Version is { } v)
        {
            version = await RevisionNumbers.ResolveAsync(session, source.Path, v, cancellationToken).ConfigureAwait(false);
        }
        var options = new CloneOptions
        {
            PreserveHistory = parseResult.GetValue(_history),
            PreserveAccess = parseResult.GetValue(_access),
            PreserveEnvironmentTags = parseResult.GetValue(_environmentTags),
            PreserveRevisionTags = parseResult.GetValue(_revisionTags),
        };
        try
        {
            await session.Client.CloneEnvironmentAsync(source.Path, destination, options, version, cancellationToken).ConfigureAwait(false);
        }
        catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            throw new CommandFailure($"environment {destination} already exists", ex);
        }
        parseResult.InvocationConfiguration.Output.Write($"Environment {source} cloned into {destination}.\n");
        return 0;
    }

    private static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };
}
