using System.CommandLine;
using System.Text;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Output;
using Coffer.Cli.Remote;
using Coffer.Language.Values;

namespace Coffer.Cli.Commands.Environments;

/// <summary><c>coffer env diff</c>: what changed between two revisions, or two environments.</summary>
internal sealed class EnvDiffCommand
{
    public static readonly CommandHelp Help = new(
        "Show what changed between two revisions of an environment, or two environments.",
        """
        Compares <environment> (default: its latest revision) with <other>: another environment,
        or @N / @tag of the same one (default: its latest revision). Without --format the output
        has a unified diff of the checked values (JSON, secrets hidden unless --show-secrets) and
        one of the definitions; with --format, a diff of the values printed in that format.
        Nothing is printed when there is no difference.
        """,
        [
            new("What changed since revision 3:", "coffer env diff payments/prod@3"),
            new("What differs between staging and production:", "coffer env diff payments/staging payments/prod"),
            new("What changed in the variables between the stable tag and the latest revision:", "coffer env diff payments/prod@stable --format dotenv"),
        ]);

    private readonly Argument<string> _reference = EnvironmentArguments.Reference(versioned: true);

    private readonly Argument<string?> _other = new("other")
    {
        Description = "What to compare with: another environment, or @N / @tag of the same one (default: its latest revision).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string?> _format = new("--format", "-f")
    {
        Description = "Compare the values printed in this format: json, yaml, dotenv, docker-env, shell, string or detailed.",
        HelpName = "format",
    };

    private readonly Option<string?> _path = new("--path")
    {
        Description = "Compare only the values at this property path.",
        HelpName = "property",
    };

    private readonly Option<bool> _showSecrets = new("--show-secrets")
    {
        Description = "Compare secrets in plaintext.",
        Arity = ArgumentArity.Zero,
    };

    public EnvDiffCommand()
    {
        _format.CompletionSources.Add([.. OutputFormats.Names]);
        Command = new Command("diff", Help.Summary) { _reference, _other, _format, _path, _showSecrets };
        Command.SetAction(RemoteAction.Of(ExecuteAsync));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parseResult, RemoteSession session, CancellationToken cancellationToken)
    {
        var rendering = parseResult.GetValue(_showSecrets) ? ValueRendering.Revealed : ValueRendering.Redacted;
        var printer = EnvironmentOutput.Parse(parseResult.GetValue(_format) ?? "json", parseResult.GetValue(_path), rendering);
        var written = parseResult.GetValue(_reference)!;
        var before = await session.ResolveAsync(written, cancellationToken).ConfigureAwait(false);
        var otherText = parseResult.GetValue(_other);
        var after = otherText is null
            ? before with { Version = null }
            : otherText.StartsWith('@') || otherText.StartsWith(':')
                ? before with { Version = otherText[1..] }
                : await session.ResolveAsync(otherText, cancellationToken).ConfigureAwait(false);
        var beforeName = before.Version is null ? $"{before.Path}@latest" : before.ToString();
        var afterName = after.Version is null ? $"{after.Path}@latest" : after.ToString();

        var showSecrets = rendering == ValueRendering.Revealed;
        var a = await CheckedEnvironment.LoadAsync(session, before, showSecrets, cancellationToken).ConfigureAwait(false);
        var b = await CheckedEnvironment.LoadAsync(session, after, showSecrets, cancellationToken).ConfigureAwait(false);
        var valueDiff = UnifiedDiff.Of(Render(printer, a.Value), Render(printer, b.Value), beforeName, afterName);
        var output = parseResult.InvocationConfiguration.Output;
        if (parseResult.GetValue(_format) is not null)
        {
            output.Write(valueDiff);
            return 0;
        }
        var definitionDiff = UnifiedDiff.Of(a.Definition, b.Definition, beforeName, afterName);
        var sections = new List<string>();
        if (valueDiff.Length > 0)
        {
            sections.Add("# Value\n```diff\n" + valueDiff + "```\n");
        }
        if (definitionDiff.Length > 0)
        {
            sections.Add("# Definition\n```diff\n" + definitionDiff + "```\n");
        }
        output.Write(string.Join("\n", sections));
        return 0;
    }

    private static string Render(EnvironmentOutput printer, EscValue? value)
    {
        using var text = new StringWriter(new StringBuilder()) { NewLine = "\n" };
        // A path missing on one side prints null there, which is the difference worth showing.
        _ = printer.Write(value, text);
        return text.ToString();
    }
}
