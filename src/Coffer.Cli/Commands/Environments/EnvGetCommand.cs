using System.CommandLine;
using System.Globalization;
using System.Text;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Definitions;
using Coffer.Cli.Output;
using Coffer.Cli.Remote;
using Coffer.Language.Syntax;
using Coffer.Language.Values;

namespace Coffer.Cli.Commands.Environments;

/// <summary><c>coffer env get</c>: an environment's definition and checked values, secrets hidden unless asked for.</summary>
internal sealed class EnvGetCommand
{
    public static readonly CommandHelp Help = new(
        "Show an environment's values and definition, secrets hidden.",
        """
        The definition is checked on the server without running providers (their values show as
        "[unknown]") and secrets show as "[secret]" unless --show-secrets is given. Without --value
        the output has a "# Value" and a "# Definition" section, and for a path a "# Defined at"
        section listing where the value and the values it overrides come from. --value prints the
        value alone in a format of coffer env open; --definition prints the stored YAML alone.
        """,
        [
            new("Show an environment:", "coffer env get payments/prod"),
            new("Show one value, where it is defined and what it overrides:", "coffer env get payments/prod database.host"),
            new("Print one value as JSON:", "coffer env get payments/prod database --value json"),
            new("Print the definition of revision 3, secrets in plaintext:", "coffer env get payments/prod@3 --definition --show-secrets"),
        ]);

    private readonly Argument<string> _reference = EnvironmentArguments.Reference(versioned: true);

    private readonly Argument<string?> _path = new("path")
    {
        Description = "Show only the value at this property path, such as database.hosts[0].",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string?> _value = new("--value")
    {
        Description = "Print only the value, as json, yaml, string, detailed, dotenv, docker-env or shell.",
        HelpName = "format",
    };

    private readonly Option<bool> _definition = new("--definition")
    {
        Description = "Print only the stored definition.",
        Arity = ArgumentArity.Zero,
    };

    private readonly Option<bool> _showSecrets = new("--show-secrets")
    {
        Description = "Show secrets in plaintext (needs permission to open the environment).",
        Arity = ArgumentArity.Zero,
    };

    public EnvGetCommand()
    {
        Command = new Command("get", Help.Summary) { _reference, _path, _value, _definition, _showSecrets };
        Command.SetAction(RemoteAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        var showSecrets = parseResult.GetValue(_showSecrets);
        var rendering = showSecrets ? ValueRendering.Revealed : ValueRendering.Redacted;
        var pathText = parseResult.GetValue(_path);
        var valueFormat = parseResult.GetValue(_value);
        if (parseResult.GetValue(_definition) && (valueFormat is not null || pathText is not null))
        {
            throw new CommandFailure("--definition prints the whole stored definition: drop --value and the path");
        }
        var printer = valueFormat is null ? null : EnvironmentOutput.Parse(valueFormat, pathText, rendering, pathOption: "a property path", formatOption: "--value");
        PropertyPath? path = null;
        if (printer is null && pathText is not null)
        {
            path = PropertyPath.TryParse(pathText, out var parsed, out var syntaxError) ? parsed : throw new CommandFailure(syntaxError);
        }

        var reference = await session.ResolveAsync(parseResult.GetValue(_reference)!, cancellationToken).ConfigureAwait(false);
        if (parseResult.GetValue(_definition))
        {
            var stored = await session.Client.GetEnvironmentAsync(reference.Path, reference.Version, showSecrets, cancellationToken).ConfigureAwait(false);
            output.Write(stored.Yaml);
            return 0;
        }
        var environment = await CheckedEnvironment.LoadAsync(session, reference, showSecrets, cancellationToken).ConfigureAwait(false);
        if (printer is not null)
        {
            foreach (var warning in printer.Write(environment.Value, output))
            {
                ConsoleReport.Warning(error, warning);
            }
        }
        else if (environment.Definition.Trim().Length > 0)
        {
            output.Write(Describe(environment.Value, environment.Definition, path, rendering, $"{reference.Path.Project}/{reference.Path.Name}"));
        }
        var diagnostics = environment.Diagnostics;
        DefinitionDiagnostics.Print(error, diagnostics, reference.Path);
        return diagnostics.Any(d => d.IsError) ? ConsoleReport.FailureExitCode : 0;
    }

    /// <summary>The Markdown description: the value, its definition and, for a path, where it is defined.</summary>
    private static string Describe(EscValue? environment, string yaml, PropertyPath? path, ValueRendering rendering, string environmentName)
    {
        var value = environment ?? EscValue.Null;
        var selected = path is null ? value : value.Select(path);
        var sections = new List<string>
        {
            "# Value\n```json\n" + ValueOutput.Render(selected ?? EscValue.Null, OutputFormat.Json, rendering) + "```\n",
        };
        var node = path is null ? yaml : DefinitionDocument.Parse(yaml).Find(path) is { } found ? DefinitionDocument.ToYaml(found) : null;
        if (node is not null)
        {
            sections.Add("# Definition\n```yaml\n" + (node.EndsWith('\n') ? node : node + "\n") + "```\n");
        }
        if (path is not null && selected is not null)
        {
            var places = new StringBuilder();
            for (var current = selected; current?.Trace is { } trace; current = trace.Base)
            {
                if (trace.Definition is { } range)
                {
                    places.Append(CultureInfo.InvariantCulture, $"- {(range.Environment == "<yaml>" ? environmentName : range.Environment)}:{range.Begin.Line}:{range.Begin.Column}\n");
                }
            }
            if (places.Length > 0)
            {
                sections.Add("# Defined at\n" + places);
            }
        }
        return string.Join("\n", sections);
    }
}
