using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Commands.Environments;
using Coffer.Cli.Output;
using Coffer.Cli.Remote;
using Coffer.Client;
using Coffer.Client.Models;

namespace Coffer.Cli.Commands.Organizations;

/// <summary><c>coffer token ls|create|rm</c>: personal tokens, and with <c>--team</c> or <c>--org</c> team and organization tokens.</summary>
internal static class TokenCommands
{
    public static readonly CommandHelp Help = new(
        "Manage access tokens: your own, a team's (--team) or the organization's (--org).",
        """
        A personal token acts as you. A team token acts with the team's grants only, which suits CI
        that should reach only the team's environments. An organization token acts as the
        organization (as an administrator with --admin), belonging to nobody. Team and organization
        tokens are managed by the organization's administrators.
        """,
        [
            new("Create a token for CI, capturing its value:", "TOKEN=$(coffer token create ci --team payments --expires 90d)"),
            new("List your own tokens:", "coffer token ls"),
            new("Revoke an organization token:", "coffer token rm 3f2a9c... --org"),
        ]);

    public static readonly CommandHelp ListHelp = new(
        "List access tokens (never their values).",
        "A table of ID, NAME, CREATED, LAST USED, EXPIRES and STATUS, newest first, revoked tokens included; --format json prints {\"tokens\": [...]}.",
        [
            new("Your personal tokens:", "coffer token ls"),
            new("A team's tokens as JSON:", "coffer token ls --team payments --format json"),
        ]);

    public static readonly CommandHelp CreateHelp = new(
        "Create an access token; its value is printed only this once.",
        """
        The value goes alone to standard output (what it is goes to standard error), so
        TOKEN=$(coffer token create NAME) captures it; --format json prints {"token", "tokenInfo"}.
        A name has at most 40 characters and is unique among the owner's tokens, revoked ones
        included. --expires takes never (the default), a lifetime such as 90d, 12h or 30m, or a
        date such as 2027-06-30; at most two years ahead.
        """,
        [
            new("A personal token that expires in 30 days:", "coffer token create laptop --expires 30d"),
            new("A team token for CI:", "coffer token create ci --team payments --description 'payments deploys'"),
            new("An organization administrator token:", "coffer token create provisioning --org --admin"),
        ]);

    public static readonly CommandHelp RemoveHelp = new(
        "Revoke an access token by its id.",
        "The id is in coffer token ls. A revoked token stops working within a few seconds.",
        [new("Revoke one of a team's tokens:", "coffer token rm 3f2a9c... --team payments")]);

    public static void Add(CommandTree tree, RootCommand root)
    {
        var token = tree.AddGroup(root, "token", Help);
        tree.Add(token, List(), ListHelp);
        tree.Add(token, Create(), CreateHelp);
        tree.Add(token, Remove(), RemoveHelp);
    }

    private sealed record OwnerOptions(Option<string?> Team, Option<bool> Organization, Option<string?> Name)
    {
        public static OwnerOptions Create() => new(
            new Option<string?>("--team") { Description = "The team's tokens.", HelpName = "team" },
            new Option<bool>("--org") { Description = "The organization's tokens.", Arity = ArgumentArity.Zero },
            OrganizationArguments.Organization());

        public void AddTo(Command command)
        {
            command.Options.Add(Team);
            command.Options.Add(Organization);
            command.Options.Add(Name);
        }

        public async Task<(TokenOwner Owner, string Description)> ResolveAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken)
        {
            var team = parseResult.GetValue(Team);
            var organization = parseResult.GetValue(Organization);
            if (team is not null && organization)
            {
                throw new CommandFailure("--team and --org choose different owners: give one of them");
            }
            if (team is null && !organization)
            {
                if (parseResult.GetValue(Name) is not null)
                {
                    throw new CommandFailure("--organization goes with --team or --org: personal tokens belong to no organization");
                }
                return (TokenOwner.Personal, "personal");
            }
            var name = await OrganizationArguments.ResolveAsync(parseResult, Name, session, cancellationToken).ConfigureAwait(false);
            return team is null ? (new TokenOwner(name), $"organization {name}") : (new TokenOwner(name, team), $"team {team}");
        }
    }

    private static Command List()
    {
        var owner = OwnerOptions.Create();
        var format = EnvironmentArguments.ListFormat();
        var command = new Command("ls", ListHelp.Summary) { format };
        owner.AddTo(command);
        command.Aliases.Add("list");
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var json = ListFormat.IsJson(parseResult.GetValue(format)!);
            var (tokenOwner, _) = await owner.ResolveAsync(parseResult, session, cancellationToken).ConfigureAwait(false);
            var tokens = await session.Client.ListTokensAsync(tokenOwner, cancellationToken).ConfigureAwait(false);
            var output = parseResult.InvocationConfiguration.Output;
            if (json)
            {
                output.Write(ListFormat.Json(writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("tokens");
                    foreach (var token in tokens)
                    {
                        TokenOutput.WriteInfo(writer, token);
                    }
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }));
                return 0;
            }
            output.Write(ListFormat.Table(
                ["ID", "NAME", "CREATED", "LAST USED", "EXPIRES", "STATUS"],
                tokens.Select(t => (IReadOnlyList<string>)[t.Id, t.Name, ListFormat.Time(TokenOutput.Time(t.Created)),
                    ListFormat.Time(TokenOutput.Time(t.LastUsed)), t.Expires == 0 ? "never" : ListFormat.Time(TokenOutput.Time(t.Expires)), Status(t)])));
            return 0;
        }));
        return command;
    }

    private static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The token's name (at most 40 characters)." };
        var description = new Option<string?>("--description") { Description = "What the token is for.", HelpName = "text" };
        var expires = new Option<string>("--expires") { Description = "never, a lifetime (90d, 12h, 30m) or a date (2027-06-30).", HelpName = "when", DefaultValueFactory = _ => "never" };
        var admin = new Option<bool>("--admin") { Description = "With --org: the token acts as an administrator of the organization.", Arity = ArgumentArity.Zero };
        var owner = OwnerOptions.Create();
        var format = EnvironmentArguments.ListFormat();
        var command = new Command("create", CreateHelp.Summary) { name, description, expires, admin, format };
        owner.AddTo(command);
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var json = ListFormat.IsJson(parseResult.GetValue(format)!);
            var tokenName = parseResult.GetValue(name)!;
            if (tokenName.Length is 0 or > 40)
            {
                throw new CommandFailure($"invalid token name \"{tokenName}\": a name has 1 to 40 characters");
            }
            var expiry = TokenOutput.ParseExpiry(parseResult.GetValue(expires)!, DateTimeOffset.UtcNow);
            if (parseResult.GetValue(admin) && !parseResult.GetValue(owner.Organization))
            {
                throw new CommandFailure("--admin is for organization tokens: add --org");
            }
            var (tokenOwner, what) = await owner.ResolveAsync(parseResult, session, cancellationToken).ConfigureAwait(false);
            var created = await session.Client.CreateTokenAsync(tokenOwner,
                new TokenOptions(tokenName, parseResult.GetValue(description), expiry, parseResult.GetValue(admin)), cancellationToken).ConfigureAwait(false);
            var until = created.TokenInfo.Expires == 0 ? "does not expire" : $"expires {ListFormat.Time(TokenOutput.Time(created.TokenInfo.Expires))}";
            TokenOutput.PrintCreated(parseResult, json, created.Token, created.TokenInfo, $"Created token \"{tokenName}\" ({what}{(created.TokenInfo.Admin ? ", administrator" : "")}, {until}); its value");
            return 0;
        }));
        return command;
    }

    private static Command Remove()
    {
        var id = new Argument<string>("id") { Description = "The token's id (see coffer token ls)." };
        var owner = OwnerOptions.Create();
        var command = new Command("rm", RemoveHelp.Summary) { id };
        owner.AddTo(command);
        command.Aliases.Add("remove");
        command.SetAction(RemoteAction.Of(async (parseResult, session, cancellationToken) =>
        {
            var (tokenOwner, _) = await owner.ResolveAsync(parseResult, session, cancellationToken).ConfigureAwait(false);
            await session.Client.RevokeTokenAsync(tokenOwner, parseResult.GetValue(id)!, cancellationToken).ConfigureAwait(false);
            parseResult.InvocationConfiguration.Output.Write($"Revoked token {parseResult.GetValue(id)}.\n");
            return 0;
        }));
        return command;
    }

    private static string Status(TokenInfo token) =>
        token.Revoked ? "revoked" : token.Expires != 0 && token.Expires <= DateTimeOffset.UtcNow.ToUnixTimeSeconds() ? "expired" : "active";
}
