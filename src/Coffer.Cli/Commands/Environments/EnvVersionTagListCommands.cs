using System.CommandLine;
using System.Net;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Output;
using Coffer.Cli.Remote;
using Coffer.Client;
using Coffer.Client.Models;

namespace Coffer.Cli.Commands.Environments;

/// <summary><c>coffer env version tag ls</c> and <c>rm</c>: an environment's revision tags.</summary>
internal static class EnvVersionTagListCommands
{
    private const int PageSize = 500;

    public static readonly CommandHelp ListHelp = new(
        "List an environment's revision tags.",
        """
        One row per tag, by name: the revision it points at, when it last moved and who moved it.
        latest always names the newest revision. Times are local unless --utc.
        """,
        [
            new("List the revision tags:", "coffer env version tag ls payments/prod --utc"),
            new("List them as JSON:", "coffer env version tag ls payments/prod --format json"),
        ]);

    public static readonly CommandHelp RemoveHelp = new(
        "Delete a revision tag.",
        "The revision it pointed at stays; latest cannot be deleted.",
        [new("Delete the tag stable:", "coffer env version tag rm payments/prod@stable")]);

    public static void Add(CommandTree tree, Command tag)
    {
        tree.Add(tag, List(), ListHelp);
        tree.Add(tag, Remove(), RemoveHelp);
    }

    private static Command List()
    {
        var reference = EnvironmentArguments.Reference();
        var format = EnvironmentArguments.ListFormat();
        var utc = EnvironmentArguments.Utc();
        var command = new Command("ls", ListHelp.Summary) { reference, format, utc };
        command.Aliases.Add("list");
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var json = ListFormat.IsJson(parseResult.GetValue(format)!);
            var resolved = await session.ResolveAsync(parseResult.GetValue(reference)!, cancellationToken).ConfigureAwait(false);
            EnvironmentReference.RejectVersion(resolved, "coffer env version tag ls");
            var tags = new List<RevisionTag>();
            string? after = null;
            while (true)
            {
                var page = await session.Client.ListRevisionTagsAsync(resolved.Path, after, PageSize, cancellationToken).ConfigureAwait(false);
                // A page that does not move on would loop forever; the server sorts by name.
                var fresh = page.Tags.Where(t => after is null || string.CompareOrdinal(t.Name, after) > 0).ToList();
                if (fresh.Count == 0)
                {
                    break;
                }
                tags.AddRange(fresh);
                after = fresh[^1].Name;
            }

            var output = parseResult.InvocationConfiguration.Output;
            if (json)
            {
                output.Write(ListFormat.Json(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("tags");
                    foreach (var tag in tags)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("name", tag.Name);
                        writer.WriteNumber("revision", tag.Revision);
                        writer.WriteString("modified", ListFormat.JsonTime(tag.Modified));
                        if (tag.EditorLogin is { Length: > 0 } login)
                        {
                            writer.WriteString("editorLogin", login);
                        }
                        if (tag.EditorName is { Length: > 0 } name)
                        {
                            writer.WriteString("editorName", name);
                        }
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }));
                return 0;
            }
            var inUtc = parseResult.GetValue(utc);
            output.Write(ListFormat.Table(
                ["NAME", "REVISION", "MODIFIED", "EDITOR"],
                tags.Select(t => (IReadOnlyList<string>)
                [
                    t.Name,
                    t.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ListFormat.Time(t.Modified, inUtc),
                    t.EditorLogin is { Length: > 0 } login ? login : "-",
                ])));
            return 0;
        }));
        return command;
    }

    private static Command Remove()
    {
        var reference = new Argument<string>("environment@tag") { Description = "The environment and the tag: [org/][project/]env@tag." };
        var command = new Command("rm", RemoveHelp.Summary) { reference };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var resolved = await session.ResolveAsync(parseResult.GetValue(reference)!, cancellationToken).ConfigureAwait(false);
            var tag = resolved.Version ?? throw new CommandFailure("name the tag after @, such as payments/prod@stable");
            if (char.IsAsciiDigit(tag[0]))
            {
                throw new CommandFailure($"\"{tag}\" is a revision number, not a tag");
            }
            if (tag == "latest")
            {
                throw new CommandFailure("latest always names the newest revision and cannot be deleted");
            }
            try
            {
                await session.Client.DeleteRevisionTagAsync(resolved.Path, tag, cancellationToken).ConfigureAwait(false);
            }
            catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound && ex.Message.StartsWith("tag ", StringComparison.Ordinal))
            {
                // The server words a missing environment differently ("environment … not found"): that stays as it is.
                throw new CommandFailure($"{resolved.Path} has no revision tag {tag}", ex);
            }
            parseResult.InvocationConfiguration.Output.Write($"Deleted revision tag {tag} of {resolved.Path}\n");
            return 0;
        }));
        return command;
    }
}
