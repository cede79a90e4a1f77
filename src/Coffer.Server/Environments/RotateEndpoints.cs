using Coffer.Language;
using Coffer.Language.Secrets;
using Coffer.Language.Syntax;
using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Crypto;
using Coffer.Server.Storage;

namespace Coffer.Server.Environments;

/// <summary>
/// Rotating an environment's <c>fn::rotate</c> secrets: the rotators run, and their new state is
/// written back into the definition (encrypted) as a new revision, so that every later open sees
/// the new credentials. Needs write access, as it changes the definition.
/// </summary>
public static class RotateEndpoints
{
    private const int MaxPaths = 1000;

    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/environments/{org}/{project}/{env}/rotate", RotateAsync)
            .WithSummary("Rotate an environment's fn::rotate secrets (all, or those at the given paths) into a new revision")
            .Audited(AuditActions.EnvironmentRotated);

    private static async Task<IResult> RotateAsync(
        string org, string project, string env, HttpContext context, EnvironmentAccess access, ICofferStore store, KeyRing keys,
        EvaluationService evaluation, DefinitionService definitions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var (organization, environment) = await access.RequireAsync(caller, org, project, env, Permission.Write, cancellationToken);
        var request = await RequestBody.ReadOptionalJsonAsync<RotateRequest>(context) ?? new RotateRequest(null);
        var started = clock.GetUtcNow();
        var revision = await RevisionResolver.ResolveAsync(store, environment, null, cancellationToken);
        if (EnvironmentEndpoints.ExpectedRevision(context) is { } expected && expected != revision.Number)
        {
            throw ApiError.Conflict($"environment {org}/{project}/{env} was changed since revision {expected}; read it again and retry");
        }

        var rotators = RotationWriteBack.RotatorPaths(revision.Definition);
        var selected = Select(request.Paths, rotators, $"{org}/{project}/{env}");
        var rootName = $"{project}/{env}";
        var cipher = keys.CipherFor(environment);
        if (selected.Count == 0)
        {
            return Results.Ok(Event(environment, caller, started, clock, revision.Number, null, []));
        }

        // A definition that does not evaluate cleanly is refused before any rotator runs: rotators
        // change credentials elsewhere, and a change that cannot be written back would be lost.
        var check = await evaluation.EvaluateAsync(caller, organization, rootName, revision.Definition, EvaluationMode.Check, cipher, showSecrets: false, cancellationToken);
        if (check.HasErrors)
        {
            throw ApiError.InvalidDefinition(check.Diagnostics);
        }
        var rotated = await evaluation.RotateStoredAsync(caller, organization, rootName, revision, cipher, [.. selected.Select(s => s.Path)], cancellationToken);
        var patches = rotated.Result?.Patches ?? [];

        var rotations = new List<SecretRotation>();
        foreach (var (path, text) in selected)
        {
            var documentPath = (IReadOnlyList<object>)[.. path.Segments.Prepend("values")];
            var succeeded = patches.Any(p => PropertyPath.TryParse(p.DocumentPath, out var patched, out _)
                && patched.Segments.Count == documentPath.Count + 2 && patched.Segments.Take(documentPath.Count).SequenceEqual(documentPath));
            var error = rotated.Diagnostics.FirstOrDefault(d => d.IsError && d.Path is { } at && PropertyPath.TryParse(at, out var parsed, out _) && parsed.Segments.SequenceEqual(documentPath));
            rotations.Add(succeeded
                ? new SecretRotation(DefinitionService.NewId(), text, RotationStatus.Succeeded, null)
                : new SecretRotation(DefinitionService.NewId(), text, RotationStatus.Failed, FailureMessage(error?.Summary)));
        }

        int? written = null;
        if (patches.Count > 0)
        {
            var yaml = RotationWriteBack.Apply(revision.Definition, patches);
            (written, _) = await definitions.UpdateAsync(caller, organization, environment, yaml, revision.Number, cancellationToken);
        }
        return Results.Ok(Event(environment, caller, started, clock, revision.Number, written, rotations));
    }

    /// <summary>The rotators to run: those at the requested paths (relative to <c>values</c>), or all of them.</summary>
    private static List<(PropertyPath Path, string Text)> Select(IReadOnlyList<string>? requested, IReadOnlyList<string> rotators, string environment)
    {
        var all = rotators.Select(r => (Path: PropertyPath.Parse(r), Text: r)).ToList();
        if (requested is not { Count: > 0 })
        {
            return all;
        }
        if (requested.Count > MaxPaths)
        {
            throw ApiError.BadRequest($"at most {MaxPaths} paths can be rotated at once");
        }
        var selected = new List<(PropertyPath, string)>();
        foreach (var text in requested)
        {
            if (string.IsNullOrEmpty(text))
            {
                throw ApiError.BadRequest("a path to rotate must not be empty");
            }
            if (!PropertyPath.TryParse(text, out var path, out var error))
            {
                throw ApiError.BadRequest($"invalid path \"{text}\": {error}");
            }
            var match = all.FirstOrDefault(r => r.Path.Segments.SequenceEqual(path.Segments));
            if (match.Text is null)
            {
                throw ApiError.BadRequest(all.Count == 0
                    ? $"{environment} has no fn::rotate values, so there is nothing to rotate at {text}"
                    : $"{text} is not a fn::rotate value of {environment}; its rotated values are {string.Join(", ", rotators)}");
            }
            if (!selected.Any(s => s.Item2 == match.Text))
            {
                selected.Add(match);
            }
        }
        return selected;
    }

    private static string FailureMessage(string? summary) => summary switch
    {
        null => "not rotated: its inputs or state could not be evaluated",
        _ when summary.StartsWith("rotate: ", StringComparison.Ordinal) => summary["rotate: ".Length..],
        _ => summary,
    };

    private static RotateResponse Event(EnvironmentRecord environment, Caller caller, DateTimeOffset started, TimeProvider clock, int before, int? after, IReadOnlyList<SecretRotation> rotations)
    {
        var failed = rotations.Count(r => r.Status == RotationStatus.Failed);
        return new RotateResponse(new SecretRotationEvent(
            DefinitionService.NewId(),
            environment.Id,
            ApiTime.Format(started),
            before,
            after,
            caller.Login,
            ApiTime.Format(clock.GetUtcNow()),
            failed == 0 ? RotationStatus.Succeeded : RotationStatus.Failed,
            failed == 0 ? null : $"{failed} of {rotations.Count} rotations failed",
            rotations));
    }
}
