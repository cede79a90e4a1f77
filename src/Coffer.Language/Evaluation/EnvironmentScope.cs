using Coffer.Language.Declarations;
using Coffer.Language.Diagnostics;
using Coffer.Language.Hosting;
using Coffer.Language.Schemas;
using Coffer.Language.Syntax;
using Coffer.Language.Values;

namespace Coffer.Language.Evaluation;

/// <summary>
/// The evaluation of one environment within a pass: its context, its imports layered into a base,
/// and its values declared over that base and evaluated on demand. Imported environments get a
/// scope of their own; a reference only ever sees its own environment's values and imports.
/// </summary>
internal sealed partial class EnvironmentScope
{
    private readonly EvaluationPass _pass;
    private readonly string _name;
    private readonly EnvironmentDefinition _definition;
    private readonly ISecretDecrypter? _decrypter;
    private readonly bool _isRoot;
    private readonly int _importDepth;
    private readonly string _rootName;
    private EvalValue? _context;
    private EvalValue _imports = null!;
    private EvalExpr _root = null!;
    private EvalValue? _base;

    /// <summary>Creates the scope of the root environment.</summary>
    public EnvironmentScope(EvaluationPass pass, string name, EnvironmentDefinition definition, ISecretDecrypter? decrypter)
        : this(pass, name, definition, decrypter, parent: null)
    {
    }

    private EnvironmentScope(EvaluationPass pass, string name, EnvironmentDefinition definition, ISecretDecrypter? decrypter, EnvironmentScope? parent)
    {
        _pass = pass;
        _name = name;
        _definition = definition;
        _decrypter = decrypter;
        _isRoot = parent is null;
        _importDepth = parent is null ? 0 : parent._importDepth + 1;
        // Imports of an anonymous root ("<yaml>") see the first named environment of the chain as root.
        _rootName = parent is null ? name : parent._rootName == "<yaml>" ? name : parent._rootName;
    }

    private EvaluationBudget Budget => _pass.Budget;

    /// <summary>Evaluates the environment and returns its top-level object.</summary>
    public EvalValue Evaluate()
    {
        var mine = new ImportState { Evaluating = true };
        _pass.Environments[_name] = mine;
        try
        {
            EvaluateImports();

            var rootSyntax = new ObjectExpr(new ObjectNode(null, "", []), []);
            var properties = new Dictionary<string, EvalExpr>(StringComparer.Ordinal);
            foreach (var entry in _definition.Values)
            {
                var key = entry.Key!.Value;
                if (key is "imports" or "context" or "environments")
                {
                    Error(entry.Key, $"\"{key}\" is a reserved key");
                }
                else if (properties.ContainsKey(key))
                {
                    Error(entry.Key, $"duplicate key \"{key}\"");
                }
                else
                {
                    properties[key] = Declare(key, entry.Value, _base?.Property(entry.Key, key));
                }
            }
            _root = new EvalExpr($"<{_name}>", rootSyntax, Schema.AnyObject, _base)
            {
                Properties = properties,
                SortedKeys = [.. properties.Keys.Order(StringComparer.Ordinal)],
            };
            var value = EvaluateExpr(_root, Schema.Always);
            mine.Value = value;
            return value;
        }
        finally
        {
            mine.Evaluating = false;
        }
    }

    /// <summary>
    /// The <c>context</c> object this environment's references see: the host's context plus the names
    /// of the current and root environments. Built when first used; most environments never read it.
    /// </summary>
    public EscValue ContextValue => _contextValue ??= EscValue.FromObject(_pass.HostContext.Properties
        .Where(p => p.Key is not ("currentEnvironment" or "rootEnvironment"))
        .Append(KeyValuePair.Create("currentEnvironment", EscValue.FromObject(("name", EscValue.FromString(_name)))))
        .Append(KeyValuePair.Create("rootEnvironment", EscValue.FromObject(("name", EscValue.FromString(_rootName))))));

    private EscValue? _contextValue;

    private EvalValue Context
    {
        get
        {
            if (_context is null)
            {
                var def = Declare("", new SymbolExpr(new StringNode(null, "", "${context}"), new PropertyAccess([new PropertyName("context", null)])), null);
                _context = EvalValue.Import(ContextValue, def, Budget);
            }
            return _context;
        }
    }

    private void EvaluateImports()
    {
        var imports = new Dictionary<string, EvalValue>(StringComparer.Ordinal);
        foreach (var declaration in _definition.Imports)
        {
            if (EvaluateImport(declaration.Name, declaration.Syntax) is not { } value)
            {
                continue;
            }
            imports[declaration.Name] = value;
            if (declaration.Merge)
            {
                // The import's value may be shared (diamonds, ${imports.x}): layer a copy.
                var layer = value.DeepCopy(Budget);
                layer.Merge(_base);
                _base = layer;
            }
        }
        var def = Declare("", new SymbolExpr(new StringNode(null, "", "${imports}"), new PropertyAccess([new PropertyName("imports", null)])), null);
        def.State = ExprState.Done;
        _imports = new EvalValue(def) { Kind = EscValueKind.Object, Props = imports };
        def.Value = _imports;
    }

    /// <summary>
    /// Evaluates an imported or referenced environment once per pass and returns its value; reports
    /// cycles, load failures and limits at <paramref name="site"/> and returns null for them.
    /// </summary>
    private EvalValue? EvaluateImport(string name, SyntaxNode site)
    {
        if (_pass.Environments.TryGetValue(name, out var state))
        {
            if (state.Evaluating)
            {
                _pass.Diagnostics.Add(Diagnostic.Error($"cyclic import of {name}", site.Path, site.Range));
                return null;
            }
            return state.Value;
        }
        if (_importDepth + 1 > _pass.Session.Limits.MaxImportDepth)
        {
            _pass.Diagnostics.Add(Diagnostic.Error($"the import chain is deeper than the limit of {_pass.Session.Limits.MaxImportDepth} environments", site.Path, site.Range));
            return null;
        }
        if (_pass.Session.TryGetEnvironment(name) is not { } loaded)
        {
            return null;
        }
        if (loaded.Error is not null)
        {
            _pass.Diagnostics.Add(Diagnostic.Error(loaded.Error, site.Path, site.Range));
            return null;
        }
        var definition = loaded.Definition!;
        _pass.Diagnostics.AddRange(definition.Diagnostics);
        if (definition.HasErrors || definition.IsUnreadable)
        {
            return null;
        }
        return new EnvironmentScope(_pass, name, definition, loaded.Decrypter, this).Evaluate();
    }

    /// <summary>
    /// Creates the evaluation expression for a declaration, layered over <paramref name="baseValue"/>.
    /// Schemas are not built here: an expression's schema follows from its kind or its value when needed.
    /// </summary>
    private EvalExpr Declare(string path, Expr? x, EvalValue? baseValue)
    {
        switch (x)
        {
            case null:
                return Missing(path, baseValue);
            case ArrayExpr array:
                return new EvalExpr(path, x, null, baseValue)
                {
                    Elements = array.Elements.Select((e, i) => Declare(PathText.JoinIndex(path, i), e, null)).ToArray(),
                };
            case ObjectExpr obj:
            {
                var properties = new Dictionary<string, EvalExpr>(obj.Entries.Count, StringComparer.Ordinal);
                foreach (var entry in obj.Entries)
                {
                    var key = entry.Key!.Value;
                    if (properties.ContainsKey(key))
                    {
                        Error(entry.Key, $"duplicate key \"{key}\"");
                        continue;
                    }
                    properties[key] = Declare(PathText.JoinKey(path, key), entry.Value, baseValue?.Property(entry.Key, key));
                }
                return new EvalExpr(path, x, null, baseValue)
                {
                    Properties = properties,
                    SortedKeys = [.. properties.Keys.Order(StringComparer.Ordinal)],
                };
            }
            case OpenExpr open:
                return new EvalExpr(path, x, null, baseValue)
                {
                    First = Declare("", open.Provider, null),
                    Second = Declare("", open.Inputs, null),
                };
            case RotateExpr rotate:
                return new EvalExpr(path, x, null, baseValue)
                {
                    First = Declare("", rotate.Provider, null),
                    Second = Declare("", rotate.Inputs, null),
                    Third = Declare("", rotate.State, null),
                };
            case SecretExpr secret:
            {
                var operand = Declare("", (Expr?)secret.Plaintext ?? secret.Ciphertext, null);
                operand.Secret = true;
                return new EvalExpr(path, x, null, baseValue) { First = operand };
            }
            case BinaryBuiltinExpr binary:
                return new EvalExpr(path, x, null, baseValue)
                {
                    First = Declare("", binary.First, null),
                    Second = Declare("", binary.Second, null),
                };
            case UnaryBuiltinExpr unary:
                return new EvalExpr(path, x, null, baseValue) { First = Declare("", unary.Operand, null) };
            default:
                return new EvalExpr(path, x, null, baseValue);
        }
    }

    private static EvalExpr Missing(string path, EvalValue? baseValue) =>
        new(path, new MissingExpr(new NullNode(null, "")), null, baseValue);

    private void Error(Expr at, string summary) => _pass.Diagnostics.Add(Diagnostic.Error(summary, at.Path, at.Range));

    private void Warning(Expr at, string summary) => _pass.Diagnostics.Add(Diagnostic.Warning(summary, at.Path, at.Range));

    private void AccessorError(Expr at, PropertyAccessor accessor, string summary) =>
        _pass.Diagnostics.Add(Diagnostic.Error(summary, at.Path, accessor.Range ?? at.Range));

    private ProviderContext ProviderContext() => new(_name, _rootName, ContextValue, _pass.HostState);
}
