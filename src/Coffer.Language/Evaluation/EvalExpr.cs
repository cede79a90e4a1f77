using Coffer.Language.Declarations;
using Coffer.Language.Schemas;

namespace Coffer.Language.Evaluation;

internal enum ExprState
{
    Declared,
    Evaluating,
    Done,
}

/// <summary>
/// An expression of one evaluation: the declaration it came from plus evaluation state — its
/// base (the imported value it overrides), its schema, and its memoized value. A declaration is
/// parsed once; an <see cref="EvalExpr"/> tree is built for every evaluation of it.
/// </summary>
internal sealed class EvalExpr(string path, Expr syntax, Schema? schema, EvalValue? @base)
{
    /// <summary>The path used in "cyclic reference to PATH" (without the <c>values.</c> prefix).</summary>
    public string Path { get; } = path;

    public Expr Syntax { get; } = syntax;

    public EvalValue? Base { get; } = @base;

    private Schema? _schema = schema;

    /// <summary>
    /// The expression's schema: its value's once evaluated, else the schema set for it (a provider's
    /// outputs) or the one its kind implies.
    /// </summary>
    public Schema Schema
    {
        get => Value?.Schema ?? _schema ?? DeclaredSchema(Syntax);
        set => _schema = value;
    }

    private static Schema DeclaredSchema(Expr syntax) => syntax switch
    {
        InterpolateExpr or SecretExpr => Schema.StringType,
        ArrayExpr => Schema.AnyArray,
        ObjectExpr => Schema.AnyObject,
        BinaryBuiltinExpr { Name.Value: BuiltinNames.Join } => Schema.StringType,
        BinaryBuiltinExpr { Name.Value: BuiltinNames.Split } => Schema.StringArray,
        UnaryBuiltinExpr { Name.Value: BuiltinNames.ToJson or BuiltinNames.ToBase64 or BuiltinNames.FromBase64 or BuiltinNames.ToStringCall } => Schema.StringType,
        UnaryBuiltinExpr { Name.Value: BuiltinNames.Concat } => Schema.AnyArray,
        _ => Schema.Always,
    };

    public ExprState State { get; set; }

    /// <summary>True for the plaintext of <c>fn::secret</c>: the value is secret.</summary>
    public bool Secret { get; set; }

    public EvalValue? Value { get; set; }

    /// <summary>Elements of an array literal.</summary>
    public EvalExpr[]? Elements { get; init; }

    /// <summary>Properties of an object literal, and their keys in ordinal order.</summary>
    public Dictionary<string, EvalExpr>? Properties { get; init; }

    public string[]? SortedKeys { get; init; }

    /// <summary>Operands of a built-in call (provider/inputs/state, delimiter/values, schema/value, …).</summary>
    public EvalExpr? First { get; init; }

    public EvalExpr? Second { get; init; }

    public EvalExpr? Third { get; init; }

    /// <summary>The input schema of a provider or rotator, once loaded.</summary>
    public Schema InputSchema { get; set; } = Schema.Always;

    /// <summary>The state schema of a rotator, once loaded.</summary>
    public Schema StateSchema { get; set; } = Schema.Always;

    /// <summary>For late-bound accesses into unknown values: the receiver and the property name.</summary>
    public EvalValue? Receiver { get; init; }

    public string? AccessedName { get; init; }

    public bool IsLiteralArray => Elements is not null;

    public bool IsLiteralObject => Properties is not null;
}

/// <summary>Stands for a missing operand (after a load error) or a synthesized access.</summary>
internal sealed class MissingExpr(Syntax.SyntaxNode syntax) : Expr(syntax);

/// <summary>A late-bound access into an unknown value (<c>unknown.key</c>).</summary>
internal sealed class AccessExpr(Syntax.SyntaxNode syntax) : Expr(syntax);
