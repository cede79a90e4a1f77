using System.Text;
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
/// <remarks>
/// Stored definitions are parsed once and kept (by name and content hash, so a changed definition is
/// parsed afresh), as are the latest revisions of the environments evaluated; see
/// <see cref="LatestRevisionCache"/> for why neither can be stale. Definitions that are not stored
/// (checks, updates) are parsed every time and never kept, so clients cannot fill the cache.
/// </remarks>
public sealed class EvaluationService(ICofferStore store, KeyRing keys, EnvironmentAccess access, IProviderRegistry providers, EvaluationLimits limits, LatestRevisionCache latestRevisions)
{
    // Stored definitions are at most 512 KiB; most are a few KiB.
    private const int CachedDefinitions = 512;

    private readonly DefinitionCache _definitions = new(CachedDefinitions);

    public EvaluationLimits Limits => limits;

    /// <summary>Opens a stored revision: its parsed definition is cached.</summary>
    public Task<Evaluation> OpenStoredAsync(Caller caller, Organization organization, string rootName, RevisionRecord revision, ISecretDecrypter decrypter, CancellationToken cancellationToken) =>
        EvaluateAsync(caller, organization, _definitions.GetOrParse(rootName, Encoding.UTF8.GetBytes(revision.Definition), limits), EvaluationMode.Open, decrypter, false, revision.Number, cancellationToken);

    /// <summary>
    /// Rotates a stored revision: the rotators at <paramref name="paths"/> (relative to <c>values</c>)
    /// rotate, and their new state comes back as the result's patches.
    /// </summary>
    public Task<Evaluation> RotateStoredAsync(Caller caller, Organization organization, string rootName, RevisionRecord revision, ISecretDecrypter decrypter, IReadOnlyList<Language.Syntax.PropertyPath> paths, CancellationToken cancellationToken) =>
        EvaluateAsync(caller, organization, _definitions.GetOrParse(rootName, Encoding.UTF8.GetBytes(revision.Definition), limits), EvaluationMode.Rotate, decrypter, false, revision.Number, cancellationToken, paths);

    public Task<Evaluation> EvaluateAsync(
        Caller caller,
        Organization organization,
        string rootName,
        string yaml,
        EvaluationMode mode,
        ISecretDecrypter? decrypter,
        bool showSecrets,
        CancellationToken cancellationToken) =>
        EvaluateAsync(caller, organization, EnvironmentDefinition.Parse(rootName, yaml, limits), mode, decrypter, showSecrets, null, cancellationToken);

    private async Task<Evaluation> EvaluateAsync(
        Caller caller,
        Organization organization,
        EnvironmentDefinition definition,
        EvaluationMode mode,
        ISecretDecrypter? decrypter,
        bool showSecrets,
        int? revision, // the stored revision being opened, for the claims of identity tokens
        CancellationToken cancellationToken,
        IReadOnlyList<Language.Syntax.PropertyPath>? rotatePaths = null)
    {
        if (definition.IsUnreadable)
        {
            return new Evaluation(definition, null);
        }
        var loader = new StoredEnvironmentLoader(store, keys, access, caller, organization, latestRevisions);
        var evaluator = new EnvironmentEvaluator(providers, loader, limits, _definitions);
        var result = await evaluator.EvaluateAsync(definition, new EvaluationOptions
        {
            Mode = mode,
            ShowSecrets = showSecrets,
            Decrypter = decrypter,
            RotatePaths = rotatePaths,
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
