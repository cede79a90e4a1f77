using System.CommandLine;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Output;
using Coffer.Cli.Remote;

namespace Coffer.Cli.Commands.Environments;

/// <summary><c>coffer env ls</c>: the environments you can read.</summary>
internal sealed class EnvListCommand
{
    public static readonly CommandHelp Help = new(
        "List the environments you can read.",
        """
        Prints one environment per line as project/env, or org/project/env for environments outside
        your default organization, sorted. --format json prints {"environments": [...]}.
        """,
        [
            new("List every environment:", "coffer env ls"),
            new("List the environments of one project:", "coffer env ls --project payments"),
            new("List one organization's environments as JSON:", "coffer env ls --organization acme --format json"),
        ]);

    private readonly Option<string?> _organization = new("--organization", "-o")
    {
        Description = "Only this organization's environments.",
        HelpName = "org",
    };

    private readonly Option<string?> _project = new("--project", "-p")
    {
        Description = "Only this project's environments.",
        HelpName = "project",
    };

    private readonly Option<string> _format = EnvironmentArguments.ListFormat();

    public EnvListCommand()
    {
        Command = new Command("ls", Help.Summary) { _organization, _project, _format };
        Command.Aliases.Add("list");
        Command.SetAction(RemoteAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken)
    {
        var json = ListFormat.IsJson(parseResult.GetValue(_format)!);
        var project = parseResult.GetValue(_project);
        var defaultOrganization = await session.DefaultOrganizationAsync(cancellationToken).ConfigureAwait(false);
        var names = new List<(string Organization, string Project, string Name)>();
        await foreach (var environment in session.Client.ListAllEnvironmentsAsync(parseResult.GetValue(_organization), cancellationToken).ConfigureAwait(false))
        {
            if (project is null || environment.Project == project)
            {
                names.Add((environment.Organization, environment.Project, environment.Name));
            }
        }
        var lines = names
            .Order()
            .Select(n => n.Organization == defaultOrganization ? $"{n.Project}/{n.Name}" : $"{n.Organization}/{n.Project}/{n.Name}")
            .ToList();
        var output = parseResult.InvocationConfiguration.Output;
        if (json)
        {
            output.Write(ListFormat.Json(writer =>
            {
                writer.WriteStartObject();
                writer.WriteStartArray("environments");
                lines.ForEach(writer.WriteStringValue);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }));
        }
        else
        {
            output.Write(string.Concat(lines.Select(l => l + "\n")));
        }
        return 0;
    }
}
