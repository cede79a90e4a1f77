using System.Security.Cryptography;
using Coffer.Language;
using Coffer.Language.Diagnostics;
using Coffer.Language.Secrets;
using Coffer.Server.Api;
using Coffer.Server.Auth;
using Coffer.Server.Crypto;
using Coffer.Server.Storage;

namespace Coffer.Server.Environments;

/// <summary>
/// Creating environments and writing their definitions: a definition is checked (a definition with
/// errors is refused and nothing is stored), its plaintext secrets are encrypted with the
/// environment's data key, and it becomes the next revision.
/// </summary>
public sealed class DefinitionService(ICofferStore store, KeyRing keys, EvaluationService evaluation, EnvironmentAccess access, TimeProvider clock)
{
    public async Task<EnvironmentRecord> CreateAsync(Caller caller, Organization organization, string project, string name, CancellationToken cancellationToken)
    {
        EnvironmentNames.ValidateProject(project);
        EnvironmentNames.ValidateProjectOrEnvironment("environment", name);
        var id = NewId();
        var now = clock.GetUtcNow();
        var (wrapped, keyId) = keys.NewDataKey(id);
        var environment = new EnvironmentRecord(id, organization.Id, project, name, now, now, 1, false, wrapped, keyId);
        var first = new RevisionRecord(id, 1, "", now, caller.Login, caller.Name, null);
        try
        {
            // With the creator's grant in the same transaction: an environment nobody but an
            // administrator could see never exists, not even after a crash.
            await store.CreateEnvironmentAsync(environment, first, [], cancellationToken, access.CreatorGrant(caller, environment));
        }
        catch (ConflictException)
        {
            throw ApiError.Conflict($"environment {organization.Name}/{project}/{name} already exists");
        }
        return environment;
    }

    /// <summary>A revision's definition, with secrets as ciphertext or (when <paramref name="decrypt"/>) as plaintext.</summary>
    public async Task<string> TextAsync(EnvironmentRecord environment, RevisionRecord revision, bool decrypt, CancellationToken cancellationToken)
    {
        if (!decrypt)
        {
            return revision.Definition;
        }
        try
        {
            return await DefinitionSecrets.DecryptAsync(revision.Definition, keys.CipherFor(environment), cancellationToken);
        }
        catch (FormatException ex)
        {
            throw new ApiError(StatusCodes.Status500InternalServerError, $"revision {revision.Number} holds a secret that cannot be decrypted ({ex.Message})");
        }
    }

    /// <summary>
    /// Checks and stores a new definition; returns the new revision and the warnings. With
    /// <paramref name="expectedRevision"/> the write only happens if that is still the latest revision.
    /// </summary>
    public async Task<(int Revision, IReadOnlyList<Diagnostic> Warnings)> UpdateAsync(
        Caller caller, Organization organization, EnvironmentRecord environment, string yaml, int? expectedRevision, CancellationToken cancellationToken)
    {
        var cipher = keys.CipherFor(environment);
        // Secrets are decrypted while checking, so a ciphertext this environment cannot decrypt (one
        // copied from another environment, or corrupted) is refused now, with a diagnostic at its
        // place, instead of stored and failing every later open. Only diagnostics leave this check.
        var checkedDefinition = await evaluation.EvaluateAsync(caller, organization, $"{environment.Project}/{environment.Name}", yaml, EvaluationMode.Check, cipher, showSecrets: true, cancellationToken);
        if (checkedDefinition.HasErrors)
        {
            throw ApiError.InvalidDefinition(checkedDefinition.Diagnostics);
        }
        var encrypted = await DefinitionSecrets.EncryptAsync(yaml, cipher, cancellationToken);
        await EnsureDecryptableAsync(encrypted, cipher, cancellationToken);
        var references = References(checkedDefinition.Definition.ReferencedEnvironments);
        try
        {
            var revision = await store.AddRevisionAsync(environment.Id, expectedRevision, encrypted, caller.Actor, clock.GetUtcNow(), references, cancellationToken);
            return (revision, checkedDefinition.Diagnostics.Where(d => !d.IsError).ToList());
        }
        catch (ConflictException)
        {
            throw ApiError.Conflict($"environment {organization.Name}/{environment.Project}/{environment.Name} was changed since revision {expectedRevision}; read it again and retry");
        }
    }

    /// <summary>
    /// Refuses a definition holding a ciphertext this environment cannot decrypt anywhere, not only
    /// under <c>values</c> (which the check evaluates): cloning re-encrypts every ciphertext, and one
    /// that does not decrypt would make every clone of the environment fail.
    /// </summary>
    private static async Task EnsureDecryptableAsync(string definition, EnvironmentCipher cipher, CancellationToken cancellationToken)
    {
        try
        {
            await DefinitionSecrets.ReencryptAsync(definition, cipher, cipher, cancellationToken);
        }
        catch (FormatException ex)
        {
            throw ApiError.InvalidDefinition([Diagnostic.Error(ex.Message)]);
        }
    }

    /// <summary>Re-encrypts a definition's ciphertexts for another environment (used when cloning).</summary>
    public async Task<string> ReencryptAsync(string definition, EnvironmentRecord from, EnvironmentRecord to, CancellationToken cancellationToken) =>
        await DefinitionSecrets.ReencryptAsync(definition, keys.CipherFor(from), keys.CipherFor(to), cancellationToken);

    public static IReadOnlyList<string> References(IEnumerable<string> names) =>
        [.. names.Select(EnvironmentNames.ParseImport).Where(r => r is not null).Select(r => r!.Key).Distinct(StringComparer.Ordinal)];

    public static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(12)).ToLowerInvariant();
}
