using Coffer.Language.Declarations;
using Coffer.Language.Schemas;
using Coffer.Language.Syntax;
using Coffer.Language.Values;

namespace Coffer.Language.Evaluation;

internal sealed partial class EnvironmentScope
{
    /// <summary>
    /// <c>fn::open</c>: validates the inputs against the provider's schema and, when opening and the
    /// inputs are fully known, calls the provider (through the session, once per call). During check
    /// the result is unknown, typed by the provider's output schema.
    /// </summary>
    private EvalValue EvaluateOpen(EvalExpr x, OpenExpr open)
    {
        var value = EvalValue.UnknownOf(x, Schema.Always);
        if (open.Provider is null)
        {
            return value;
        }
        var name = open.Provider.Value;
        var provider = _pass.Providers.FindProvider(name);
        if (provider is null)
        {
            Error(x.Syntax, $"unknown provider \"{name}\"");
        }
        else
        {
            UseSchemas(x, provider.Inputs, null, provider.Outputs);
        }
        value.Schema = x.Schema;

        var (inputs, ok) = EvaluateTypedExpr(x.Second!, x.InputSchema);
        if (!ok || inputs.ContainsUnknowns() || _pass.Validating || provider is null)
        {
            return value;
        }
        if (!inputs.IsObjectRepr)
        {
            Error(x.Second!.Syntax, "provider inputs must be an object");
            return value;
        }
        var arguments = inputs.Export();
        var context = ProviderContext();
        var key = $"open\n{_name}\n{x.Syntax.Path}\n{name}\n{arguments.ToJson(reveal: true)}";
        var outcome = _pass.Session.TryCall(key, async ct =>
            new CallOutcome(await provider.OpenAsync(arguments, context, ct).ConfigureAwait(false), null));
        return Outcome(x, value, outcome);
    }

    /// <summary>
    /// <c>fn::rotate</c>: like <c>fn::open</c> with state. When rotating the root environment, the
    /// selected rotators rotate first and their new state becomes a patch of the definition.
    /// Inputs the schema marks <c>rotateOnly</c> are evaluated only when rotating or checking the root.
    /// </summary>
    private EvalValue EvaluateRotate(EvalExpr x, RotateExpr rotate)
    {
        var value = EvalValue.UnknownOf(x, Schema.Always);
        if (rotate.Provider is null)
        {
            return value;
        }
        var name = rotate.Provider.Value;
        var rotator = _pass.Providers.FindRotator(name);
        if (rotator is null)
        {
            Error(x.Syntax, $"unknown rotator \"{name}\"");
        }
        else
        {
            UseSchemas(x, rotator.Inputs, Schema.OneOfSchemas(rotator.State, Schema.Null()), rotator.Outputs);
        }
        value.Schema = x.Schema;

        var evaluateRotateOnly = _isRoot && (_pass.Rotating || _pass.Validating);
        if (!evaluateRotateOnly)
        {
            SkipRotateOnlyInputs(x.Second!, x.InputSchema);
        }
        var (inputs, inputsOk) = EvaluateTypedExpr(x.Second!, x.InputSchema);
        var (state, stateOk) = EvaluateTypedExpr(x.Third!, x.StateSchema);
        if (!inputsOk || ContainsBlockingUnknowns(inputs) || !stateOk || state.ContainsUnknowns() || _pass.Validating || rotator is null)
        {
            return value;
        }

        var docPath = x.Syntax.Path;
        var shouldRotate = _pass.Rotating && _isRoot && IsSelectedForRotation(docPath);
        var arguments = inputs.Export();
        EscValue? currentState = state.IsObjectRepr ? state.Export() : null;
        var context = ProviderContext();
        var key = $"rotate\n{shouldRotate}\n{_name}\n{docPath}\n{name}\n{arguments.ToJson(reveal: true)}\n{currentState?.ToJson(reveal: true)}";
        var outcome = _pass.Session.TryCall(key, async ct =>
        {
            var openState = currentState;
            EscValue? newState = null;
            if (shouldRotate)
            {
                try
                {
                    newState = await rotator.RotateAsync(arguments, currentState, context, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
                {
                    return new CallOutcome(null, ex.Message, RotateFailed: true);
                }
                openState = newState.Kind == EscValueKind.Object ? newState : null;
            }
            try
            {
                return new CallOutcome(await rotator.OpenAsync(arguments, openState, context, ct).ConfigureAwait(false), null, newState);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && ex is not OutOfMemoryException)
            {
                return new CallOutcome(null, ex.Message, newState);
            }
        });
        if (outcome is { RotateFailed: true })
        {
            Error(x.Syntax, $"rotate: {outcome.Error}");
            return value;
        }
        if (outcome?.NewState is { } rotated)
        {
            _pass.Patches.Add(new RotationPatch(PathText.JoinKey(docPath, rotate.Name.Value) + ".state", rotated));
        }
        return Outcome(x, value, outcome);
    }

    private EvalValue Outcome(EvalExpr x, EvalValue pending, CallOutcome? outcome)
    {
        if (outcome is null)
        {
            return pending;
        }
        if (outcome.Error is not null)
        {
            Error(x.Syntax, outcome.Error);
            return pending;
        }
        return EvalValue.Import(outcome.Value!, x, Budget);
    }

    private void UseSchemas(EvalExpr x, Schema inputs, Schema? state, Schema outputs)
    {
        if (inputs.Compile() is { } inputError)
        {
            Error(x.Syntax, $"internal error: invalid input schema ({inputError})");
        }
        else
        {
            x.InputSchema = inputs;
        }
        if (state?.Compile() is { } stateError)
        {
            Error(x.Syntax, $"internal error: invalid state schema ({stateError})");
        }
        else if (state is not null)
        {
            x.StateSchema = state;
        }
        if (outputs.Compile() is { } outputError)
        {
            Error(x.Syntax, $"internal error: invalid schema ({outputError})");
        }
        else
        {
            x.Schema = outputs;
        }
    }

    /// <summary>
    /// Marks the <c>rotateOnly</c> inputs of a literal inputs object as unknown without evaluating
    /// them, so nothing they reference is loaded: an environment can be opened by people who may not
    /// read the credentials its rotator manages with.
    /// </summary>
    private static void SkipRotateOnlyInputs(EvalExpr inputs, Schema inputSchema)
    {
        if (inputSchema.RotateOnly is not { Count: > 0 } names || inputs.Properties is not { } properties)
        {
            return;
        }
        foreach (var name in names)
        {
            if (properties.TryGetValue(name, out var property) && property.State == ExprState.Declared)
            {
                property.Value = EvalValue.UnknownOf(property, inputSchema.Property(name));
                property.Value.SkippedRotateOnly = true;
                property.State = ExprState.Done;
            }
        }
    }

    private static bool ContainsBlockingUnknowns(EvalValue value)
    {
        if (value.Unknown)
        {
            return !value.SkippedRotateOnly;
        }
        if (value.Items is { } items)
        {
            return items.Any(ContainsBlockingUnknowns);
        }
        if (value.Props is not null)
        {
            return value.Keys().Any(k => value.Property(value.Def.Syntax, k) is { } p && ContainsBlockingUnknowns(p));
        }
        return false;
    }

    private bool IsSelectedForRotation(string docPath)
    {
        if (_pass.RotatePaths is not { Count: > 0 } paths)
        {
            return true;
        }
        if (!PropertyPath.TryParse(docPath, out var parsed, out _))
        {
            return false;
        }
        return paths.Any(p => parsed.Segments.SequenceEqual(p.Segments.Prepend("values")));
    }
}
