namespace Coffer.Language.Syntax;

/// <summary>A position in an environment definition: 1-based line and column, 0-based UTF-8 byte offset.</summary>
/// <param name="Line">The 1-based line number.</param>
/// <param name="Column">The 1-based column, counted in characters.</param>
/// <param name="Byte">The 0-based offset in UTF-8 bytes from the start of the document.</param>
public readonly record struct SourcePosition(int Line, int Column, int Byte)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>A span of text in a named environment definition.</summary>
/// <param name="Environment">The name of the environment whose definition holds the text.</param>
/// <param name="Begin">Where the span starts.</param>
/// <param name="End">Where the span ends (exclusive).</param>
public sealed record SourceRange(string Environment, SourcePosition Begin, SourcePosition End)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Environment}:{Begin.Line}:{Begin.Column}";
}
