using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Commands.Organizations;
using Coffer.Cli.Output;
using Coffer.Cli.Remote;
using Coffer.Client.Models;

namespace Coffer.Cli.Commands.Environments;

/// <summary>
/// <c>coffer env access show|grant|revoke</c>: who may do what with an environment, or with every
/// environment of a project (<c>project/*</c>), and why.
/// </summary>
internal static class EnvAccessCommands
{
    public static readonly CommandHelp Help = new(
        "Show and change who may read, open, write or administer an environment.",
        """
        Grants give a user or a team a permission (none, read, open, write, admin) on one
        environment, or on every environment of a project when the environment is written
        project/* (quote it, so that the shell leaves the * alone). A member's permission is the
        highest of the organization's default permission and the grants to them and their teams;
        administrators of the organization administer everything. Only administrators may use
        these commands.
        """,
        [
            new("Let team identity open common/aws:", "coffer env access grant common/aws --team identity open"),
            new("Let jane write every environment of project identity:", "coffer env access grant 'identity/*' --user jane write"),
            new("See who has which permission on common/aws, and why:", "coffer env access show common/aws"),
        ]);

    public static readonly CommandHelp ShowHelp = new(
        "Show every member's permission on an environment, and why they have it.",
        """
        A table of MEMBER, PERMISSION and WHY: the grants (to the member or to a team of theirs, on
        the environment or its whole project), the organization's default permission, or the
        member's administrator role. --format json prints {environment, defaultPermission, grants, members}.
        """,
        [
            new("On one environment:", "coffer env access show common/aws"),
            new("On every environment of a project:", "coffer env access show 'identity/*'"),
        ]);

    public static readonly CommandHelp GrantHelp = new(
        "Give a team or a user a permission on an environment or a whole project.",
        "The permission replaces any earlier grant to the same team or user on the same scope. A grant may name an environment that does not exist yet.",
        [
            new("Let team payments open common/aws:", "coffer env access grant common/aws --team payments open"),
            new("Let jane administer a whole project:", "coffer env access grant 'identity/*' --user jane admin"),
        ]);

    public static readonly CommandHelp RevokeHelp = new(
        "Remove a team's or a user's grant on an environment or a whole project.",
        "They keep what the organization's default permission and their other grants give them.",
        [new("Remove team payments' grant:", "coffer env access revoke common/aws --team payments")]);

    private static readonly string[] Levels = OrganizationArguments.Permissions;

    public static void Add(CommandTree tree, Command env)
    {
        var access = tree.AddGroup(env, "access", Help);
        tree.Add(access, Show(), ShowHelp);
        tree.Add(access, Grant(), GrantHelp);
        tree.Add(access, Revoke(), RevokeHelp);
    }

    private static Argument<string> Scope() => new("environment")
    {
        Description = "[org/]project/env, or [org/]project/* for every environment of the project.",
    };

    private static (Option<string?> Team, Option<string?> User) Subject() => (
        new Option<string?>("--team") { Description = "The team.", HelpName = "team" },
        new Option<string?>("--user") { Description = "The member's login.", HelpName = "login" });

    private static (string Kind, string Name) ResolveSubject(ParseResult parseResult, Option<string?> team, Option<string?> user) =>
        (parseResult.GetValue(team), parseResult.GetValue(user)) switch
        {
            ({ } t, null) => ("teams", t),
            (null, { } u) => ("users", u),
            _ => throw new CommandFailure("say whom: --team NAME or --user LOGIN (one of them)"),
        };

    private static async Task<(string Organization, string Project, string Environment)> ResolveScopeAsync(ParseResult parseResult, Argument<string> scope, RemoteSession session, CancellationToken cancellationToken)
    {
        var written = parseResult.GetValue(scope)!;
        var reference = EnvironmentReference.Parse(written);
        if (reference.Version is not null)
        {
            throw new CommandFailure($"access is given to an environment, not to a version of it: write {written[..written.IndexOfAny(['@', ':'])]}");
        }
        if (!written.Contains('/', StringComparison.Ordinal))
        {
            throw new CommandFailure($"write the project too: <project>/{written}, or <project>/* for every environment of a project");
        }
        var organization = reference.Organization ?? await session.DefaultOrganizationAsync(cancellationToken).ConfigureAwait(false);
        return (organization, reference.Project, reference.Name);
    }

    private static Command Show()
    {
        var scope = Scope();
        var format = EnvironmentArguments.ListFormat();
        var command = new Command("show", ShowHelp.Summary) { scope, format };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var json = ListFormat.IsJson(parseResult.GetValue(format)!);
            var (organization, project, environment) = await ResolveScopeAsync(parseResult, scope, session, cancellationToken).ConfigureAwait(false);
            var client = session.Client;
            var settings = await client.GetOrganizationSettingsAsync(organization, cancellationToken).ConfigureAwait(false);
            var members = await client.ListMembersAsync(organization, cancellationToken).ConfigureAwait(false);
            var grants = new List<Grant>(await client.ListGrantsAsync(organization, project, environment, cancellationToken).ConfigureAwait(false));
            if (environment != "*")
            {
                grants.AddRange(await client.ListGrantsAsync(organization, project, "*", cancellationToken).ConfigureAwait(false));
            }
            var teamMembers = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var team in grants.Where(g => g.SubjectKind == "team").Select(g => g.Subject).Distinct())
            {
                var found = await client.GetTeamAsync(organization, team, cancellationToken).ConfigureAwait(false);
                teamMembers[team] = (found.Members ?? []).Select(m => m.Login).ToHashSet(StringComparer.Ordinal);
            }
            var rows = members.OrderBy(m => m.Login, StringComparer.Ordinal).Select(m => Explain(m, settings, grants, teamMembers)).ToList();
            var output = parseResult.InvocationConfiguration.Output;
            if (json)
            {
                output.Write(ListFormat.Json(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteString("environment", $"{organization}/{project}/{environment}");
                    writer.WriteString("defaultPermission", settings.DefaultPermission);
                    writer.WriteStartArray("grants");
                    foreach (var grant in grants)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("subjectKind", grant.SubjectKind);
                        writer.WriteString("subject", grant.Subject);
                        writer.WriteString("scope", grant.Scope);
                        writer.WriteString("permission", grant.Permission);
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                    writer.WriteStartArray("members");
                    foreach (var (member, level, reasons) in rows)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("login", member.Login);
                        writer.WriteString("role", member.Role);
                        writer.WriteString("permission", level);
                        writer.WriteStartArray("reasons");
                        reasons.ForEach(writer.WriteStringValue);
                        writer.WriteEndArray();
                        writer.WriteEndObject();
                    }
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }));
                return 0;
            }
            output.Write(ListFormat.Table(["MEMBER", "PERMISSION", "WHY"], rows.Select(r => (IReadOnlyList<string>)[r.Member.Login, r.Level, string.Join("; ", r.Reasons)])));
            return 0;
        }));
        return command;
    }

    // The same rule as the server's: administrators administer everything; a member gets the
    // highest of the default permission and the grants to them and their teams. Only the sources
    // of that highest level are named.
    private static (Member Member, string Level, List<string> Reasons) Explain(Member member, OrganizationSettings settings, List<Grant> grants, Dictionary<string, HashSet<string>> teamMembers)
    {
        if (member.Role == "admin")
        {
            return (member, "admin", ["organization administrator"]);
        }
        var sources = new List<(string Level, string Reason)> { (settings.DefaultPermission, "organization default") };
        foreach (var grant in grants)
        {
            if (grant.SubjectKind == "user" && grant.Subject == member.Login)
            {
                sources.Add((grant.Permission, $"granted {grant.Permission} on {grant.Scope}"));
            }
            else if (grant.SubjectKind == "team" && teamMembers.TryGetValue(grant.Subject, out var logins) && logins.Contains(member.Login))
            {
                sources.Add((grant.Permission, $"team {grant.Subject}: {grant.Permission} on {grant.Scope}"));
            }
        }
        var best = sources.Max(s => Array.IndexOf(Levels, s.Level));
        return (member, Levels[best], [.. sources.Where(s => Array.IndexOf(Levels, s.Level) == best).Select(s => s.Reason)]);
    }

    private static Command Grant()
    {
        var scope = Scope();
        var (team, user) = Subject();
        var permission = new Argument<string>("permission") { Description = "none, read, open, write or admin." };
        var command = new Command("grant", GrantHelp.Summary) { scope, permission, team, user };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var level = OrganizationArguments.Permission(parseResult.GetValue(permission)!);
            var (kind, name) = ResolveSubject(parseResult, team, user);
            var (organization, project, environment) = await ResolveScopeAsync(parseResult, scope, session, cancellationToken).ConfigureAwait(false);
            var grant = await session.Client.SetGrantAsync(organization, project, environment, kind, name, level, cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.Write($"{char.ToUpperInvariant(Who(kind, name)[0])}{Who(kind, name)[1..]} now has {grant.Permission} on {organization}/{grant.Scope}.\n");
            return 0;
        }));
        return command;
    }

    private static Command Revoke()
    {
        var scope = Scope();
        var (team, user) = Subject();
        var command = new Command("revoke", RevokeHelp.Summary) { scope, team, user };
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var (kind, name) = ResolveSubject(parseResult, team, user);
            var (organization, project, environment) = await ResolveScopeAsync(parseResult, scope, session, cancellationToken).ConfigureAwait(false);
            await session.Client.RemoveGrantAsync(organization, project, environment, kind, name, cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.Write($"Removed the grant of {Who(kind, name)} on {organization}/{project}/{environment}.\n");
            return 0;
        }));
        return command;
    }

    private static string Who(string kind, string name) => kind == "teams" ? $"team {name}" : $"user {name}";
}
