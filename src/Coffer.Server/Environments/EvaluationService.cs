using Coffer.Language;
using Coffer.Language.Declarations;
using Coffer.Language.Diagnostics;
using Coffer.Language.Hosting;
using Coffer.Language.Values;
using Coffer.Server.Auth;
using Coffer.Server.Crypto;
using Coffer.Server.Oidc;
using Coffer.Server.Storage;

namespace Coffer.Server.Environments;

/// <summary>A definition and what evaluating it gave, with all diagnostics (load and evaluation) together.</summary>
public sealed record Evaluation(EnvironmentDefinition Definition, EvaluationResult? Result)
{
    public IReadOnlyList<Diagnostic> Diagnostics => [.. Definition.Diagnostics, .. Result?.Diagnostics ?? []];

    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Evaluates definitions for a caller: imports and references resolve to the organization's stored
/// environments (with the caller's access checked), providers come from the server's registry, and
/// <c>${context.pulumi…}</c> names the caller and the organization.
/// </summary>
public sealed class EvaluationService(ICofferStore store, KeyRing keys, EnvironmentAccess access, IProviderRegistry providers, EvaluationLimits limits)
{
    public EvaluationLimits Limits => limits;

    public async Task<Evaluation> EvaluateAsync(
        Caller caller,
        Organization organization,
        string rootName,
        string yaml,
        EvaluationMode mode,
        ISecretDecrypter? decrypter,
        bool showSecrets,
        CancellationToken cancellationToken,
        int? revision = null) // the stored revision being opened, for the claims of identity tokens
    {
        var definition = EnvironmentDefinition.Parse(rootName, yaml, limits);
        if (definition.IsUnreadable)
        {
            return new Evaluation(definition, null);
        }
        var loader = new StoredEnvironmentLoader(store, keys, access, caller, organization);
        var evaluator = new EnvironmentEvaluator(providers, loader, limits);
        var result = await evaluator.EvaluateAsync(definition, new EvaluationOptions
        {
            Mode = mode,
            ShowSecrets = showSecrets,
            Decrypter = decrypter,
            Context = Context(caller, organization),
            // Providers asking for identity tokens get the claims from here, never from the definition.
            HostState = new EvaluationFacts(organization, caller, revision),
        }, cancellationToken);
        return new Evaluation(definition, result);
    }

    private static EscValue Context(Caller caller, Organization organization) => EscValue.FromObject(
        ("pulumi", EscValue.FromObject(
            ("user", EscValue.FromObject(("login", EscValue.FromString(caller.Login)))),
            ("organization", EscValue.FromObject(("login", EscValue.FromString(organization.Name)))))));
}
