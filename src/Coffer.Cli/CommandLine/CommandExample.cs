namespace Coffer.Cli.CommandLine;

/// <summary>One example in a command's help: what it does, then the command line.</summary>
internal sealed record CommandExample(string Purpose, string CommandLine);
