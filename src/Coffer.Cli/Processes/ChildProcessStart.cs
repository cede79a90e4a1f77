namespace Coffer.Cli.Processes;

/// <summary>What to run: a resolved program, its arguments (passed as they are) and the variables to add.</summary>
internal sealed record ChildProcessStart(string Executable, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Variables);
