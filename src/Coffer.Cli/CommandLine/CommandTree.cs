using System.CommandLine;

namespace Coffer.Cli.CommandLine;

/// <summary>Builds the command tree and remembers each command's help, and which commands only group others.</summary>
internal sealed class CommandTree
{
    private readonly Dictionary<Command, CommandHelp> _help = [];
    private readonly List<Command> _groups = [];

    public CommandTree(RootCommand root, CommandHelp help)
    {
        _help[root] = help;
        _groups.Add(root);
    }

    public IReadOnlyDictionary<Command, CommandHelp> Help => _help;

    /// <summary>Commands without an action of their own: invoking one shows its help.</summary>
    public IReadOnlyList<Command> Groups => _groups;

    public Command Add(Command parent, Command command, CommandHelp help)
    {
        parent.Subcommands.Add(command);
        _help[command] = help;
        return command;
    }

    /// <summary>Adds a command that only groups subcommands.</summary>
    public Command AddGroup(Command parent, string name, CommandHelp help)
    {
        var group = Add(parent, new Command(name, help.Summary), help);
        _groups.Add(group);
        return group;
    }
}
