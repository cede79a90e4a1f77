using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace Coffer.Cli.CommandLine;

/// <summary>The standard help followed by a command's details and examples.</summary>
internal sealed class HelpWithExamplesAction : SynchronousCommandLineAction
{
    private readonly HelpAction _standard;
    private readonly IReadOnlyDictionary<Command, CommandHelp> _help;

    private HelpWithExamplesAction(HelpAction standard, IReadOnlyDictionary<Command, CommandHelp> help)
    {
        _standard = standard;
        _help = help;
    }

    /// <summary>Replaces the help option's action on <paramref name="root"/>; subcommands inherit it.</summary>
    public static void Install(RootCommand root, IReadOnlyDictionary<Command, CommandHelp> help)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        option.Action = new HelpWithExamplesAction((HelpAction)option.Action!, help);
    }

    public override int Invoke(ParseResult parseResult)
    {
        var result = _standard.Invoke(parseResult);
        if (!_help.TryGetValue(parseResult.CommandResult.Command, out var help))
        {
            return result;
        }
        var output = parseResult.InvocationConfiguration.Output;
        if (help.Details.Length > 0)
        {
            output.Write($"Details:\n{Indent(help.Details, "  ")}\n\n");
        }
        if (help.Examples.Count > 0)
        {
            output.Write("Examples:\n");
            foreach (var example in help.Examples)
            {
                output.Write($"  {example.Purpose}\n    {example.CommandLine}\n\n");
            }
        }
        return result;
    }

    private static string Indent(string text, string indent) =>
        string.Join("\n", text.ReplaceLineEndings("\n").Split('\n').Select(line => line.Length == 0 ? "" : indent + line));
}
