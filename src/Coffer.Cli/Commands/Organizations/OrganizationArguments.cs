using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Remote;

namespace Coffer.Cli.Commands.Organizations;

/// <summary>The options the organization, team and token commands share, worded once.</summary>
internal static class OrganizationArguments
{
    public static readonly string[] Permissions = ["none", "read", "open", "write", "admin"];

    public static Option<string?> Organization() => new("--organization", "-o")
    {
        Description = "The organization (default: your default organization).",
        HelpName = "org",
    };

    /// <summary>The organization given with <paramref name="option"/>, else the default one.</summary>
    public static async Task<string> ResolveAsync(ParseResult parseResult, Option<string?> option, RemoteSession session, CancellationToken cancellationToken) =>
        parseResult.GetValue(option) ?? await session.DefaultOrganizationAsync(cancellationToken).ConfigureAwait(false);

    public static string Permission(string text) =>
        Permissions.Contains(text)
            ? text
            : throw new CommandFailure($"unknown permission \"{text}\": expected {string.Join(", ", Permissions)}");

    public static string Role(string text) =>
        text is "member" or "admin" ? text : throw new CommandFailure($"unknown role \"{text}\": expected member or admin");

    public static bool Boolean(string name, string text) => text switch
    {
        "true" => true,
        "false" => false,
        _ => throw new CommandFailure($"invalid value \"{text}\" for {name}: expected true or false"),
    };
}
