using Coffer.Language.Syntax;

namespace Coffer.Language.Declarations;

/// <summary>
/// An expression of an environment definition. Every expression keeps the syntax node it was
/// parsed from, for diagnostics; synthesized expressions have a node without a range.
/// </summary>
internal abstract class Expr(SyntaxNode syntax)
{
    public SyntaxNode Syntax { get; } = syntax;

    public SourceRange? Range => Syntax.Range;

    public string Path => Syntax.Path;
}

internal sealed class NullExpr(SyntaxNode syntax) : Expr(syntax);

internal sealed class BooleanExpr(SyntaxNode syntax, bool value) : Expr(syntax)
{
    public bool Value { get; } = value;
}

internal sealed class NumberExpr(SyntaxNode syntax, string text) : Expr(syntax)
{
    public string Text { get; } = text;
}

internal sealed class StringExpr(SyntaxNode syntax, string value) : Expr(syntax)
{
    public string Value { get; } = value;
}

/// <summary>A string with interpolations: always evaluates to a string.</summary>
internal sealed class InterpolateExpr(SyntaxNode syntax, IReadOnlyList<Interpolation> parts) : Expr(syntax)
{
    public IReadOnlyList<Interpolation> Parts { get; } = parts;
}

/// <summary>A string that is exactly one <c>${...}</c>: a reference that keeps the referenced value's type.</summary>
internal sealed class SymbolExpr(SyntaxNode syntax, PropertyAccess access) : Expr(syntax)
{
    public PropertyAccess Access { get; } = access;
}

internal sealed class ArrayExpr(SyntaxNode syntax, IReadOnlyList<Expr> elements) : Expr(syntax)
{
    public IReadOnlyList<Expr> Elements { get; } = elements;
}

/// <summary>An object entry. The key is null when it was not a literal string (an error was reported).</summary>
internal sealed record ObjectProperty(StringExpr? Key, Expr Value);

internal sealed class ObjectExpr(SyntaxNode syntax, IReadOnlyList<ObjectProperty> entries) : Expr(syntax)
{
    public IReadOnlyList<ObjectProperty> Entries { get; } = entries;
}

/// <summary>A call of a built-in function: a mapping with one <c>fn::</c> key.</summary>
internal abstract class BuiltinExpr(SyntaxNode syntax, StringExpr name, Expr args) : Expr(syntax)
{
    public StringExpr Name { get; } = name;

    public Expr Args { get; } = args;
}

/// <summary><c>fn::open</c>; <see cref="Provider"/> or <see cref="Inputs"/> are null after a load error.</summary>
internal sealed class OpenExpr(SyntaxNode syntax, StringExpr name, Expr args, StringExpr? provider, Expr? inputs)
    : BuiltinExpr(syntax, name, args)
{
    public StringExpr? Provider { get; } = provider;

    public Expr? Inputs { get; } = inputs;
}

/// <summary><c>fn::rotate</c>; an absent state is a null literal.</summary>
internal sealed class RotateExpr(SyntaxNode syntax, StringExpr name, Expr args, StringExpr? provider, Expr? inputs, Expr? state)
    : BuiltinExpr(syntax, name, args)
{
    public StringExpr? Provider { get; } = provider;

    public Expr? Inputs { get; } = inputs;

    public Expr? State { get; } = state;
}

/// <summary><c>fn::secret</c> with either a plaintext or a ciphertext.</summary>
internal sealed class SecretExpr(SyntaxNode syntax, StringExpr name, Expr args, StringExpr? plaintext, StringExpr? ciphertext)
    : BuiltinExpr(syntax, name, args)
{
    public StringExpr? Plaintext { get; } = plaintext;

    public StringExpr? Ciphertext { get; } = ciphertext;
}

/// <summary>A built-in with two operands: <c>fn::join</c> (delimiter, values), <c>fn::split</c> (delimiter, string), <c>fn::validate</c> (schema, value).</summary>
internal sealed class BinaryBuiltinExpr(SyntaxNode syntax, StringExpr name, Expr args, Expr? first, Expr? second)
    : BuiltinExpr(syntax, name, args)
{
    public Expr? First { get; } = first;

    public Expr? Second { get; } = second;
}

/// <summary>A built-in with one operand: <c>fn::concat</c>, <c>fn::toJSON</c>, <c>fn::fromJSON</c>, <c>fn::toBase64</c>, <c>fn::fromBase64</c>, <c>fn::toString</c>, <c>fn::final</c>.</summary>
internal sealed class UnaryBuiltinExpr(SyntaxNode syntax, StringExpr name, Expr args) : BuiltinExpr(syntax, name, args)
{
    public Expr Operand => Args;
}
