namespace Coffer.Cli.CommandLine;

/// <summary>
/// A problem the user can fix (a missing file, a bad option value): reported as one
/// <c>coffer: error: …</c> line and exit code 1, without a stack trace.
/// </summary>
internal sealed class CommandFailure : Exception
{
    public CommandFailure(string message)
        : base(message)
    {
    }

    public CommandFailure(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CommandFailure()
    {
    }
}
