using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Commands.Environments;
using Coffer.Cli.Output;
using Coffer.Cli.Remote;
using Coffer.Client.Models;

namespace Coffer.Cli.Commands.Organizations;

/// <summary><c>coffer org</c>: an organization, its settings (<c>settings</c>) and its members (<see cref="OrgMemberCommands"/>).</summary>
internal static class OrgCommands
{
    private const string DefaultPermission = "default-permission";
    private const string MembersCanCreate = "members-can-create-environments";

    public static readonly CommandHelp Help = new(
        "Manage an organization: its settings and members.",
        """
        Only administrators of an organization may use these commands. The organization is your
        default one unless --organization names another.
        """,
        [
            new("Show the organization:", "coffer org show"),
            new("Share nothing by default:", $"coffer org settings set {DefaultPermission} none"),
            new("List the members:", "coffer org members ls"),
        ]);

    public static readonly CommandHelp ShowHelp = new(
        "Show an organization: its settings, members and teams.",
        "--format json prints {name, defaultPermission, membersCanCreateEnvironments, members, admins, teams}.",
        [
            new("Show your default organization:", "coffer org show"),
            new("Show another one as JSON:", "coffer org show --organization acme --format json"),
        ]);

    public static readonly CommandHelp SettingsHelp = new(
        "Show or change an organization's settings.",
        $"""
        {DefaultPermission}: what every member may do with every environment (none, read, open,
        write or admin; write unless changed). {MembersCanCreate}: whether members who are not
        administrators may create environments (true or false).
        """,
        [
            new("Share nothing by default:", $"coffer org settings set {DefaultPermission} none"),
            new("Let only administrators create environments:", $"coffer org settings set {MembersCanCreate} false"),
            new("Show the settings:", "coffer org settings get"),
        ]);

    public static readonly CommandHelp SettingsGetHelp = new(
        "Show an organization's settings.",
        "Text output is one \"name value\" line per setting.",
        [new("Show the settings as JSON:", "coffer org settings get --format json")]);

    public static readonly CommandHelp SettingsSetHelp = new(
        "Change one of an organization's settings.",
        $"Settings: {DefaultPermission} (none, read, open, write, admin) and {MembersCanCreate} (true, false). Prints the setting's new value.",
        [new("Share nothing by default:", $"coffer org settings set {DefaultPermission} none")]);

    public static void Add(CommandTree tree, RootCommand root)
    {
        var org = tree.AddGroup(root, "org", Help);
        tree.Add(org, Show(), ShowHelp);
        var settings = tree.AddGroup(org, "settings", SettingsHelp);
        tree.Add(settings, SettingsGet(), SettingsGetHelp);
        tree.Add(settings, SettingsSet(), SettingsSetHelp);
        OrgMemberCommands.Add(tree, org);
    }

    private static Command Show()
    {
        var organization = OrganizationArguments.Organization();
        var format = EnvironmentArguments.ListFormat();
        var command = new Command("show", ShowHelp.Summary) { organization, format };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var json = ListFormat.IsJson(parseResult.GetValue(format)!);
            var name = await OrganizationArguments.ResolveAsync(parseResult, organization, session, cancellationToken).ConfigureAwait(false);
            var settings = await session.Client.GetOrganizationSettingsAsync(name, cancellationToken).ConfigureAwait(false);
            var members = await session.Client.ListMembersAsync(name, cancellationToken).ConfigureAwait(false);
            var teams = (await session.Client.ListTeamsAsync(name, cancellationToken).ConfigureAwait(false)).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
            var admins = members.Count(m => m.Role == "admin");
            var output = parseResult.InvocationConfiguration.Output;
            if (json)
            {
                output.Write(ListFormat.Json(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", name);
                    writer.WriteString("defaultPermission", settings.DefaultPermission);
                    writer.WriteBoolean("membersCanCreateEnvironments", settings.MembersCanCreateEnvironments);
                    writer.WriteNumber("members", members.Count);
                    writer.WriteNumber("admins", admins);
                    writer.WriteStartArray("teams");
                    teams.ForEach(writer.WriteStringValue);
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }));
                return 0;
            }
            output.Write($"""
                Organization: {name}
                Default permission: {settings.DefaultPermission}
                Members can create environments: {Text(settings.MembersCanCreateEnvironments)}
                Members: {members.Count} ({admins} {(admins == 1 ? "administrator" : "administrators")})
                Teams: {(teams.Count == 0 ? "(none)" : string.Join(", ", teams))}

                """);
            return 0;
        }));
        return command;
    }

    private static Command SettingsGet()
    {
        var organization = OrganizationArguments.Organization();
        var format = EnvironmentArguments.ListFormat();
        var command = new Command("get", SettingsGetHelp.Summary) { organization, format };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var json = ListFormat.IsJson(parseResult.GetValue(format)!);
            var name = await OrganizationArguments.ResolveAsync(parseResult, organization, session, cancellationToken).ConfigureAwait(false);
            var settings = await session.Client.GetOrganizationSettingsAsync(name, cancellationToken).ConfigureAwait(false);
            Print(parseResult, settings, json);
            return 0;
        }));
        return command;
    }

    private static Command SettingsSet()
    {
        var setting = new Argument<string>("name") { Description = $"The setting: {DefaultPermission} or {MembersCanCreate}." };
        var value = new Argument<string>("value") { Description = "The new value." };
        var organization = OrganizationArguments.Organization();
        var command = new Command("set", SettingsSetHelp.Summary) { setting, value, organization };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var text = parseResult.GetValue(value)!;
            var (permission, create) = parseResult.GetValue(setting) switch
            {
                DefaultPermission => (OrganizationArguments.Permission(text), (bool?)null),
                MembersCanCreate => (null, OrganizationArguments.Boolean(MembersCanCreate, text)),
                var other => throw new CommandFailure($"unknown setting \"{other}\": the settings are {DefaultPermission} and {MembersCanCreate}"),
            };
            var name = await OrganizationArguments.ResolveAsync(parseResult, organization, session, cancellationToken).ConfigureAwait(false);
            var settings = await session.Client.UpdateOrganizationSettingsAsync(name, permission, create, cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.Write(permission is not null
                ? $"{DefaultPermission} {settings.DefaultPermission}\n"
                : $"{MembersCanCreate} {Text(settings.MembersCanCreateEnvironments)}\n");
            return 0;
        }));
        return command;
    }

    private static void Print(ParseResult parseResult, OrganizationSettings settings, bool json)
    {
        var output = parseResult.InvocationConfiguration.Output;
        if (json)
        {
            output.Write(ListFormat.Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString(DefaultPermission, settings.DefaultPermission);
                writer.WriteBoolean(MembersCanCreate, settings.MembersCanCreateEnvironments);
                writer.WriteEndObject();
            }));
            return;
        }
        output.Write($"{DefaultPermission} {settings.DefaultPermission}\n{MembersCanCreate} {Text(settings.MembersCanCreateEnvironments)}\n");
    }

    private static string Text(bool value) => value ? "true" : "false";
}
