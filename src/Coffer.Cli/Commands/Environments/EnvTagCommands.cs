using System.CommandLine;
using System.Net;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Output;
using Coffer.Cli.Remote;
using Coffer.Client;
using Coffer.Client.Models;

namespace Coffer.Cli.Commands.Environments;

/// <summary><c>coffer env tag ls|get|set|mv|rm</c>: key/value tags on an environment (owner, team, tier…), not versioned.</summary>
internal static class EnvTagCommands
{
    public static readonly CommandHelp GroupHelp = new(
        "Manage an environment's tags: key/value labels such as team or tier.",
        "Environment tags describe an environment and are not versioned; revision tags (coffer env version tag) name revisions.",
        [
            new("Label an environment with its team:", "coffer env tag set payments/prod team payments"),
            new("List its tags:", "coffer env tag ls payments/prod"),
        ]);

    public static readonly CommandHelp ListHelp = new(
        "List an environment's tags.",
        "Sorted by name (ignoring case). Times are UTC.",
        [
            new("List the tags:", "coffer env tag ls payments/prod"),
            new("List them as JSON:", "coffer env tag ls payments/prod --format json"),
        ]);

    public static readonly CommandHelp GetHelp = new(
        "Show one tag of an environment.",
        "",
        [new("Show the tag team:", "coffer env tag get payments/prod team")]);

    public static readonly CommandHelp SetHelp = new(
        "Create a tag or change its value.",
        "",
        [new("Set the tag team to payments:", "coffer env tag set payments/prod team payments")]);

    public static readonly CommandHelp MoveHelp = new(
        "Rename a tag, keeping its value.",
        "",
        [new("Rename the tag team to owner:", "coffer env tag mv payments/prod team owner")]);

    public static readonly CommandHelp RemoveHelp = new(
        "Delete a tag.",
        "",
        [new("Delete the tag team:", "coffer env tag rm payments/prod team")]);

    public static void Add(CommandTree tree, Command env)
    {
        var group = tree.AddGroup(env, "tag", GroupHelp);
        tree.Add(group, List(), ListHelp);
        tree.Add(group, Get(), GetHelp);
        tree.Add(group, Set(), SetHelp);
        tree.Add(group, Move(), MoveHelp);
        tree.Add(group, Remove(), RemoveHelp);
    }

    private static Argument<string> Name(string name = "name", string description = "The tag's name.") => new(name) { Description = description };

    private static Command List()
    {
        var reference = EnvironmentArguments.Reference();
        var format = EnvironmentArguments.ListFormat();
        var command = new Command("ls", ListHelp.Summary) { reference, format };
        command.Aliases.Add("list");
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var json = ListFormat.IsJson(parseResult.GetValue(format)!);
            var resolved = await ResolveAsync(session, parseResult.GetValue(reference)!, cancellationToken).ConfigureAwait(false);
            var tags = (await session.Client.ListAllEnvironmentTagsAsync(resolved.Path, cancellationToken).ConfigureAwait(false))
                .OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
            var output = parseResult.InvocationConfiguration.Output;
            if (json)
            {
                output.Write(ListFormat.Json(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("tags");
                    tags.ForEach(tag => WriteJson(writer, tag));
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }));
            }
            else if (tags.Count > 0)
            {
                output.Write(ListFormat.Table(["NAME", "VALUE", "MODIFIED", "EDITOR"], tags.Select(t => (IReadOnlyList<string>)[t.Name, t.Value, ListFormat.Time(t.Modified), Editor(t)])));
            }
            return 0;
        }));
        return command;
    }

    private static Command Get()
    {
        var reference = EnvironmentArguments.Reference();
        var name = Name();
        var format = EnvironmentArguments.ListFormat();
        var command = new Command("get", GetHelp.Summary) { reference, name, format };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var json = ListFormat.IsJson(parseResult.GetValue(format)!);
            var resolved = await ResolveAsync(session, parseResult.GetValue(reference)!, cancellationToken).ConfigureAwait(false);
            var tag = await TagAsync(session, resolved, parseResult.GetValue(name)!, cancellationToken).ConfigureAwait(false)
                ?? throw new CommandFailure($"{resolved.Path} has no tag {parseResult.GetValue(name)}");
            parseResult.InvocationConfiguration.Output.Write(json ? ListFormat.Json(writer => WriteJson(writer, tag)) : Describe(tag));
            return 0;
        }));
        return command;
    }

    private static Command Set()
    {
        var reference = EnvironmentArguments.Reference();
        var name = Name();
        var value = new Argument<string>("value") { Description = "The tag's value." };
        var command = new Command("set", SetHelp.Summary) { reference, name, value };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var resolved = await ResolveAsync(session, parseResult.GetValue(reference)!, cancellationToken).ConfigureAwait(false);
            var (tagName, tagValue) = (parseResult.GetValue(name)!, parseResult.GetValue(value)!);
            if (tagName.Length == 0 || tagValue.Length == 0)
            {
                throw new CommandFailure("a tag needs a name and a value that are not empty");
            }
            var current = await TagAsync(session, resolved, tagName, cancellationToken).ConfigureAwait(false);
            var tag = current is null
                ? await session.Client.CreateEnvironmentTagAsync(resolved.Path, tagName, tagValue, cancellationToken).ConfigureAwait(false)
                : current.Value == tagValue
                    ? current
                    : await session.Client.UpdateEnvironmentTagAsync(resolved.Path, tagName, current.Value, tagName, tagValue, cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.Write(Describe(tag));
            return 0;
        }));
        return command;
    }

    private static Command Move()
    {
        var reference = EnvironmentArguments.Reference();
        var name = Name();
        var newName = Name("new-name", "The tag's new name.");
        var command = new Command("mv", MoveHelp.Summary) { reference, name, newName };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var resolved = await ResolveAsync(session, parseResult.GetValue(reference)!, cancellationToken).ConfigureAwait(false);
            var tagName = parseResult.GetValue(name)!;
            var current = await TagAsync(session, resolved, tagName, cancellationToken).ConfigureAwait(false)
                ?? throw new CommandFailure($"{resolved.Path} has no tag {tagName}");
            var tag = await session.Client.UpdateEnvironmentTagAsync(resolved.Path, tagName, current.Value, parseResult.GetValue(newName), current.Value, cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.Write(Describe(tag));
            return 0;
        }));
        return command;
    }

    private static Command Remove()
    {
        var reference = EnvironmentArguments.Reference();
        var name = Name();
        var command = new Command("rm", RemoveHelp.Summary) { reference, name };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var resolved = await ResolveAsync(session, parseResult.GetValue(reference)!, cancellationToken).ConfigureAwait(false);
            var tagName = parseResult.GetValue(name)!;
            if (await TagAsync(session, resolved, tagName, cancellationToken).ConfigureAwait(false) is null)
            {
                throw new CommandFailure($"{resolved.Path} has no tag {tagName}");
            }
            await session.Client.DeleteEnvironmentTagAsync(resolved.Path, tagName, cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.Write($"Deleted tag {tagName} of {resolved.Path}\n");
            return 0;
        }));
        return command;
    }

    private static async Task<ResolvedReference> ResolveAsync(RemoteSession session, string written, CancellationToken cancellationToken)
    {
        var reference = await session.ResolveAsync(written, cancellationToken).ConfigureAwait(false);
        EnvironmentReference.RejectVersion(reference, "coffer env tag");
        return reference;
    }

    /// <summary>
    /// The tag, or null when the environment has none of that name. A missing environment stays an
    /// error: the server words the two 404s differently ("tag … not found", "environment … not found").
    /// </summary>
    private static async Task<EnvironmentTag?> TagAsync(RemoteSession session, ResolvedReference reference, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await session.Client.GetEnvironmentTagAsync(reference.Path, name, cancellationToken).ConfigureAwait(false);
        }
        catch (CofferApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound && ex.Message.StartsWith("tag ", StringComparison.Ordinal))
        {
            return null;
        }
    }

    private static string Editor(EnvironmentTag tag) => tag.EditorLogin is { Length: > 0 } login ? login : "-";

    private static string Describe(EnvironmentTag tag) =>
        $"Name: {tag.Name}\nValue: {tag.Value}\nLast updated at {ListFormat.Time(tag.Modified)} by {(tag.EditorLogin is { Length: > 0 } login ? login : "<unknown>")}\n";

    private static void WriteJson(System.Text.Json.Utf8JsonWriter writer, EnvironmentTag tag)
    {
        writer.WriteStartObject();
        writer.WriteString("name", tag.Name);
        writer.WriteString("value", tag.Value);
        writer.WriteString("modified", ListFormat.JsonTime(tag.Modified));
        writer.WriteString("editorLogin", tag.EditorLogin);
        writer.WriteString("editorName", tag.EditorName);
        writer.WriteEndObject();
    }
}
