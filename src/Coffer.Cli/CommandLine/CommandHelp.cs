namespace Coffer.Cli.CommandLine;

/// <summary>
/// A command's help beyond its options. The summary is the command's description (also where its
/// parent lists it); details and examples follow the options in the command's own help.
/// </summary>
internal sealed record CommandHelp(string Summary, string Details, IReadOnlyList<CommandExample> Examples);
