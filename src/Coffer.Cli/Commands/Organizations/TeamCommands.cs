using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Commands.Environments;
using Coffer.Cli.Output;
using Coffer.Cli.Remote;

namespace Coffer.Cli.Commands.Organizations;

/// <summary><c>coffer team ls|create|rm|show</c> and <c>coffer team members add|rm</c>.</summary>
internal static class TeamCommands
{
    public static readonly CommandHelp Help = new(
        "Manage the teams of an organization.",
        """
        A team is a group of members that grants are given to (coffer env access grant --team).
        Only administrators of the organization may manage teams.
        """,
        [
            new("Create a team and add a member:", "coffer team create payments && coffer team members add payments joe"),
            new("Show a team and its members:", "coffer team show payments"),
        ]);

    public static readonly CommandHelp ListHelp = new(
        "List the teams of an organization.",
        "A table of NAME and DESCRIPTION; --format json prints {\"teams\": [...]}.",
        [new("List the teams:", "coffer team ls")]);

    public static readonly CommandHelp CreateHelp = new(
        "Create a team.",
        "A team name has at most 64 letters, digits, '-', '_' or '.'.",
        [new("Create a team:", "coffer team create payments --description 'Payments engineers'")]);

    public static readonly CommandHelp RemoveHelp = new(
        "Delete a team.",
        "Its grants go with it and its tokens are revoked; its members stay members of the organization.",
        [new("Delete a team:", "coffer team rm payments")]);

    public static readonly CommandHelp ShowHelp = new(
        "Show a team and its members.",
        "--format json prints {name, description, created, members: [{login, name}]}.",
        [new("Show a team:", "coffer team show payments")]);

    public static readonly CommandHelp MembersHelp = new(
        "Add members of the organization to a team, or remove them.",
        "Only members of the organization can join its teams (see coffer org members add).",
        [
            new("Add a member:", "coffer team members add payments joe"),
            new("Remove a member:", "coffer team members rm payments joe"),
        ]);

    public static void Add(CommandTree tree, RootCommand root)
    {
        var team = tree.AddGroup(root, "team", Help);
        tree.Add(team, List(), ListHelp);
        tree.Add(team, Create(), CreateHelp);
        tree.Add(team, Remove(), RemoveHelp);
        tree.Add(team, Show(), ShowHelp);
        var members = tree.AddGroup(team, "members", MembersHelp);
        tree.Add(members, Membership("add", "Add a member of the organization to a team."), MembersHelp);
        tree.Add(members, Membership("rm", "Remove a member from a team."), MembersHelp);
    }

    private static Argument<string> Team() => new("team") { Description = "The team's name." };

    private static Command List()
    {
        var organization = OrganizationArguments.Organization();
        var format = EnvironmentArguments.ListFormat();
        var command = new Command("ls", ListHelp.Summary) { organization, format };
        command.Aliases.Add("list");
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var json = ListFormat.IsJson(parseResult.GetValue(format)!);
            var name = await OrganizationArguments.ResolveAsync(parseResult, organization, session, cancellationToken).ConfigureAwait(false);
            var teams = (await session.Client.ListTeamsAsync(name, cancellationToken).ConfigureAwait(false)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
            parseResult.InvocationConfiguration.Output.Write(json
                ? ListFormat.Json(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("teams");
                    foreach (var team in teams)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("name", team.Name);
                        writer.WriteString("description", team.Description);
                        writer.WriteString("created", ListFormat.JsonTime(TokenOutput.Time(team.Created)));
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                })
                : ListFormat.Table(["NAME", "DESCRIPTION"], teams.Select(t => (IReadOnlyList<string>)[t.Name, t.Description is { Length: > 0 } d ? d : "-"])));
            return 0;
        }));
        return command;
    }

    private static Command Create()
    {
        var team = Team();
        var description = new Option<string?>("--description") { Description = "What the team is for.", HelpName = "text" };
        var organization = OrganizationArguments.Organization();
        var command = new Command("create", CreateHelp.Summary) { team, description, organization };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var name = await OrganizationArguments.ResolveAsync(parseResult, organization, session, cancellationToken).ConfigureAwait(false);
            var created = await session.Client.CreateTeamAsync(name, parseResult.GetValue(team)!, parseResult.GetValue(description), cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.Write($"Created team {created.Name} in {name}.\n");
            return 0;
        }));
        return command;
    }

    private static Command Remove()
    {
        var team = Team();
        var organization = OrganizationArguments.Organization();
        var command = new Command("rm", RemoveHelp.Summary) { team, organization };
        command.Aliases.Add("remove");
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var name = await OrganizationArguments.ResolveAsync(parseResult, organization, session, cancellationToken).ConfigureAwait(false);
            await session.Client.DeleteTeamAsync(name, parseResult.GetValue(team)!, cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.Write($"Deleted team {parseResult.GetValue(team)} of {name}.\n");
            return 0;
        }));
        return command;
    }

    private static Command Show()
    {
        var team = Team();
        var organization = OrganizationArguments.Organization();
        var format = EnvironmentArguments.ListFormat();
        var command = new Command("show", ShowHelp.Summary) { team, organization, format };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var json = ListFormat.IsJson(parseResult.GetValue(format)!);
            var name = await OrganizationArguments.ResolveAsync(parseResult, organization, session, cancellationToken).ConfigureAwait(false);
            var found = await session.Client.GetTeamAsync(name, parseResult.GetValue(team)!, cancellationToken).ConfigureAwait(false);
            var members = (found.Members ?? []).OrderBy(m => m.Login, StringComparer.Ordinal).ToList();
            var output = parseResult.InvocationConfiguration.Output;
            if (json)
            {
                output.Write(ListFormat.Json(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", found.Name);
                    writer.WriteString("description", found.Description);
                    writer.WriteString("created", ListFormat.JsonTime(TokenOutput.Time(found.Created)));
                    writer.WriteStartArray("members");
                    foreach (var member in members)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("login", member.Login);
                        writer.WriteString("name", member.Name);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }));
                return 0;
            }
            output.Write($"Team: {found.Name}\nDescription: {(found.Description.Length > 0 ? found.Description : "-")}\nMembers: {(members.Count == 0 ? "(none)" : string.Join(", ", members.Select(m => m.Login)))}\n");
            return 0;
        }));
        return command;
    }

    private static Command Membership(string verb, string summary)
    {
        var team = Team();
        var login = new Argument<string>("login") { Description = "The member's login." };
        var organization = OrganizationArguments.Organization();
        var command = new Command(verb, summary) { team, login, organization };
        if (verb == "rm")
        {
            command.Aliases.Add("remove");
        }
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var name = await OrganizationArguments.ResolveAsync(parseResult, organization, session, cancellationToken).ConfigureAwait(false);
            var (teamName, who) = (parseResult.GetValue(team)!, parseResult.GetValue(login)!);
            if (verb == "add")
            {
                await session.Client.AddTeamMemberAsync(name, teamName, who, cancellationToken).ConfigureAwait(false);
                parseResult.InvocationConfiguration.Output.Write($"Added {who} to team {teamName}.\n");
            }
            else
            {
                await session.Client.RemoveTeamMemberAsync(name, teamName, who, cancellationToken).ConfigureAwait(false);
                parseResult.InvocationConfiguration.Output.Write($"Removed {who} from team {teamName}.\n");
            }
            return 0;
        }));
        return command;
    }
}
