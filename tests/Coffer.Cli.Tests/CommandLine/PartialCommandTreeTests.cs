using System.CommandLine;
using Coffer.Cli.CommandLine;

namespace Coffer.Cli.Tests.CommandLine;

/// <summary>A command line that names a top-level command builds only that command: it must be the one the whole tree has.</summary>
public sealed class PartialCommandTreeTests
{
    private static readonly RootCommand Whole = CofferCommandLine.Build();

    public static TheoryData<string> TopLevelCommands() => [.. Whole.Subcommands.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(TopLevelCommands))]
    public void A_command_line_naming_a_command_builds_that_command_as_the_whole_tree_has_it(string name)
    {
        var root = CofferCommandLine.BuildFor([name, "--help"]);

        var command = Assert.Single(root.Subcommands);
        Assert.Equal(Describe(Whole.Subcommands.Single(c => c.Name == name)), Describe(command));
        Assert.Equal(Whole.Options.Select(o => o.Name), root.Options.Select(o => o.Name));
    }

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("--version")]
    [InlineData("rnu", "--", "true")]
    [InlineData("-h", "run")]
    public void Any_other_command_line_builds_the_whole_tree(params string[] args) =>
        Assert.Equal(Describe(Whole), Describe(CofferCommandLine.BuildFor(args)));

    /// <summary>A command's grammar as text: its names, arguments, options and subcommands, recursively.</summary>
    private static string Describe(Command command) =>
        $"{command.Name}[{string.Join(',', command.Aliases)}]"
        + $"({string.Join(',', command.Arguments.Select(a => a.Name))})"
        + $"<{string.Join(',', command.Options.Select(o => o.Name))}>"
        + $"{{{string.Join(';', command.Subcommands.Select(Describe))}}}";
}
