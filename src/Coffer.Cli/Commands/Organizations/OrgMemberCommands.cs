using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Commands.Environments;
using Coffer.Cli.Output;
using Coffer.Cli.Remote;

namespace Coffer.Cli.Commands.Organizations;

/// <summary><c>coffer org members ls|add|rm|set-role|set-password</c>.</summary>
internal static class OrgMemberCommands
{
    public static readonly CommandHelp Help = new(
        "Manage the members of an organization.",
        "Members are users with a role: member, or admin (administers the organization and every environment in it).",
        [
            new("Create a user as a member, capturing their first access token:", "JANE=$(coffer org members add jane --new --name 'Jane Doe')"),
            new("Make a member an administrator:", "coffer org members set-role jane admin"),
            new("List the members:", "coffer org members ls"),
        ]);

    public static readonly CommandHelp ListHelp = new(
        "List the members of an organization and their roles.",
        "A table of LOGIN, NAME, EMAIL and ROLE, sorted by login; --format json prints {\"members\": [...]}.",
        [new("List the members as JSON:", "coffer org members ls --format json")]);

    public static readonly CommandHelp AddHelp = new(
        "Add a user to an organization, or create a new user as a member.",
        """
        Without --new, the user must exist already (a member of another organization). With --new,
        the user is created, and their first personal access token is printed, only this once, on
        standard output (with --format json, as {"user", "token", "tokenInfo"}): hand it to them,
        or set a password for them with coffer org members set-password.
        """,
        [
            new("Create a user:", "coffer org members add jane --new --name 'Jane Doe' --email jane@example.com"),
            new("Add an existing user as an administrator:", "coffer org members add joe --role admin"),
        ]);

    public static readonly CommandHelp RemoveHelp = new(
        "Remove a member from an organization.",
        "Their grants and team memberships in the organization go with them. The last administrator cannot be removed.",
        [new("Remove a member:", "coffer org members rm joe")]);

    public static readonly CommandHelp RoleHelp = new(
        "Change a member's role: member or admin.",
        "The last administrator cannot be made a member: make another member an administrator first.",
        [new("Make jane an administrator:", "coffer org members set-role jane admin")]);

    public static readonly CommandHelp PasswordHelp = new(
        "Set a member's password, so they can sign in with coffer login --user.",
        """
        The password is read from standard input: typed twice at a prompt that does not echo, or
        one line piped in. It must have at least 12 characters. You can set a member's first
        password, or replace it if they belong to no other organization; their sign-in sessions end.
        """,
        [new("Set jane's first password from a password manager:", "pass show coffer/jane | coffer org members set-password jane")]);

    public static void Add(CommandTree tree, Command org)
    {
        var members = tree.AddGroup(org, "members", Help);
        tree.Add(members, List(), ListHelp);
        tree.Add(members, AddMember(), AddHelp);
        tree.Add(members, Remove(), RemoveHelp);
        tree.Add(members, SetRole(), RoleHelp);
        tree.Add(members, SetPassword(), PasswordHelp);
    }

    private static Argument<string> Login() => new("login") { Description = "The user's login." };

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
            var members = (await session.Client.ListMembersAsync(name, cancellationToken).ConfigureAwait(false)).OrderBy(m => m.Login, StringComparer.Ordinal).ToList();
            var output = parseResult.InvocationConfiguration.Output;
            output.Write(json
                ? ListFormat.Json(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("members");
                    foreach (var member in members)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("login", member.Login);
                        writer.WriteString("name", member.Name);
                        writer.WriteString("email", member.Email ?? "");
                        writer.WriteString("role", member.Role);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                })
                : ListFormat.Table(["LOGIN", "NAME", "EMAIL", "ROLE"], members.Select(m => (IReadOnlyList<string>)[m.Login, m.Name, m.Email is { Length: > 0 } e ? e : "-", m.Role])));
            return 0;
        }));
        return command;
    }

    private static Command AddMember()
    {
        var login = Login();
        var role = new Option<string>("--role") { Description = "member or admin.", HelpName = "role", DefaultValueFactory = _ => "member" };
        var create = new Option<bool>("--new") { Description = "Create the user (with a first personal access token).", Arity = ArgumentArity.Zero };
        var displayName = new Option<string?>("--name") { Description = "With --new: the user's display name (default: the login).", HelpName = "name" };
        var email = new Option<string?>("--email") { Description = "With --new: the user's e-mail address.", HelpName = "address" };
        var organization = OrganizationArguments.Organization();
        var format = EnvironmentArguments.ListFormat();
        var command = new Command("add", AddHelp.Summary) { login, role, create, displayName, email, organization, format };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var json = ListFormat.IsJson(parseResult.GetValue(format)!);
            var roleName = OrganizationArguments.Role(parseResult.GetValue(role)!);
            var who = parseResult.GetValue(login)!;
            if (!parseResult.GetValue(create) && (parseResult.GetValue(displayName) is not null || parseResult.GetValue(email) is not null))
            {
                throw new CommandFailure("--name and --email describe a new user: add --new to create one");
            }
            var name = await OrganizationArguments.ResolveAsync(parseResult, organization, session, cancellationToken).ConfigureAwait(false);
            if (parseResult.GetValue(create))
            {
                var created = await session.Client.CreateUserAsync(name, who, parseResult.GetValue(displayName), parseResult.GetValue(email), roleName, cancellationToken).ConfigureAwait(false);
                TokenOutput.PrintCreated(parseResult, json, created.Token, created.TokenInfo,
                    $"Created user {who}, {Article(roleName)} {roleName} of {name}; their first access token",
                    writer =>
                    {
                        writer.WriteStartObject("user");
                        writer.WriteString("login", created.User.Login);
                        writer.WriteString("name", created.User.Name);
                        writer.WriteString("email", created.User.Email ?? "");
                        writer.WriteString("role", created.User.Role);
                        writer.WriteEndObject();
                    });
                return 0;
            }
            var member = await session.Client.AddMemberAsync(name, who, roleName, cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.Write($"Added {member.Login} to {name} as {Article(member.Role)} {member.Role}.\n");
            return 0;
        }));
        return command;
    }

    private static Command Remove()
    {
        var login = Login();
        var organization = OrganizationArguments.Organization();
        var command = new Command("rm", RemoveHelp.Summary) { login, organization };
        command.Aliases.Add("remove");
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var name = await OrganizationArguments.ResolveAsync(parseResult, organization, session, cancellationToken).ConfigureAwait(false);
            await session.Client.RemoveMemberAsync(name, parseResult.GetValue(login)!, cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.Write($"Removed {parseResult.GetValue(login)} from {name}.\n");
            return 0;
        }));
        return command;
    }

    private static Command SetRole()
    {
        var login = Login();
        var role = new Argument<string>("role") { Description = "member or admin." };
        var organization = OrganizationArguments.Organization();
        var command = new Command("set-role", RoleHelp.Summary) { login, role, organization };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var roleName = OrganizationArguments.Role(parseResult.GetValue(role)!);
            var name = await OrganizationArguments.ResolveAsync(parseResult, organization, session, cancellationToken).ConfigureAwait(false);
            var member = await session.Client.SetMemberRoleAsync(name, parseResult.GetValue(login)!, roleName, cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.Write($"{member.Login} is now {Article(member.Role)} {member.Role} of {name}.\n");
            return 0;
        }));
        return command;
    }

    private static Command SetPassword()
    {
        var login = Login();
        var organization = OrganizationArguments.Organization();
        var command = new Command("set-password", PasswordHelp.Summary) { login, organization };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var who = parseResult.GetValue(login)!;
            var name = await OrganizationArguments.ResolveAsync(parseResult, organization, session, cancellationToken).ConfigureAwait(false);
            var password = SecretInput.ReadNew(parseResult.InvocationConfiguration.Error, $"new password for {who}");
            await session.Client.SetMemberPasswordAsync(name, who, password, cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.Write($"Password of {who} set.\n");
            return 0;
        }));
        return command;
    }

    private static string Article(string role) => role == "admin" ? "an" : "a";
}
