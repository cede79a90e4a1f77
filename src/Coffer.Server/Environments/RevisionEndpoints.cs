using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Storage;

namespace Coffer.Server.Environments;

/// <summary>Revisions: history, reading a revision, and retracting one.</summary>
public static class RevisionEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/environments/{org}/{project}/{env}/versions", ListAsync).WithSummary("List revisions, newest first").Audited(AuditActions.EnvironmentVersionsRead);
        api.MapGet("/environments/{org}/{project}/{env}/versions/{version}", ReadAsync).WithSummary("Read the definition at a revision or tag").Audited(AuditActions.EnvironmentVersionRead);
        api.MapGet("/environments/{org}/{project}/{env}/versions/{version}/decrypt", DecryptAsync).WithSummary("Read the definition at a revision or tag, secrets in plaintext").Audited(AuditActions.EnvironmentVersionDecrypted);
        api.MapPost("/environments/{org}/{project}/{env}/versions/{version}/retract", RetractAsync).WithSummary("Retract a revision").Audited(AuditActions.EnvironmentVersionRetracted);
    }

    private static async Task<IResult> ListAsync(string org, string project, string env, HttpContext context, EnvironmentAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Read, cancellationToken);
        var before = context.QueryInt("before") is { } b and > 0 ? b : (int?)null;
        var count = Math.Clamp(context.QueryInt("count") ?? 100, 1, 500);
        var revisions = await store.ListRevisionsAsync(environment.Id, before, count, cancellationToken);
        var tags = await AllTagsAsync(store, environment, cancellationToken);
        return Results.Ok(revisions.Select(r => new RevisionInfo(
            r.Number,
            ApiTime.Format(r.Created),
            r.CreatorLogin,
            r.CreatorName,
            [.. tags.Where(t => t.Revision == r.Number).Select(t => t.Name)],
            r.Retracted is { } x ? new RevisionRetraction(x.Replacement, ApiTime.Format(x.At), x.ByLogin, x.ByName, x.Reason) : null)).ToList());
    }

    private static async Task<IResult> ReadAsync(string org, string project, string env, string version, HttpContext context, EnvironmentAccess access, ICofferStore store, DefinitionService definitions, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Read, cancellationToken);
        var revision = await RevisionResolver.ResolveAsync(store, environment, version, cancellationToken);
        AuditScope.Current?.Revision = revision.Number;
        return Responses.Definition(await definitions.TextAsync(environment, revision, decrypt: false, cancellationToken), revision.Number, Responses.ETag(revision.Number));
    }

    private static async Task<IResult> DecryptAsync(string org, string project, string env, string version, HttpContext context, EnvironmentAccess access, ICofferStore store, DefinitionService definitions, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Open, cancellationToken);
        var revision = await RevisionResolver.ResolveAsync(store, environment, version, cancellationToken);
        AuditScope.Current?.Revision = revision.Number;
        return Responses.Definition(await definitions.TextAsync(environment, revision, decrypt: true, cancellationToken), revision.Number, Responses.ETag(revision.Number));
    }

    private static async Task<IResult> RetractAsync(string org, string project, string env, string version, HttpContext context, EnvironmentAccess access, ICofferStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Write, cancellationToken);
        var request = await RequestBody.ReadOptionalJsonAsync<RetractRequest>(context) ?? new RetractRequest(null, null);
        var number = await RevisionResolver.NumberAsync(store, environment, version, cancellationToken);
        if (number == environment.LatestRevision)
        {
            throw ApiError.BadRequest("the latest revision cannot be retracted; write a new revision first");
        }
        var revision = await store.GetRevisionAsync(environment.Id, number, cancellationToken) ?? throw ApiError.NotFound($"revision {number} not found");
        if (revision.Retracted is not null)
        {
            throw ApiError.Conflict($"revision {number} is already retracted");
        }
        var replacement = request.Replacement ?? await NewestUsableBeforeAsync(store, environment, number, cancellationToken);
        var target = await store.GetRevisionAsync(environment.Id, replacement, cancellationToken);
        if (replacement == number || target is null || target.Retracted is not null)
        {
            throw ApiError.BadRequest($"revision {replacement} cannot replace revision {number}");
        }
        var caller = context.Caller();
        await store.RetractRevisionAsync(environment.Id, number, new Retraction(replacement, clock.GetUtcNow(), caller.Login, caller.Name, request.Reason ?? ""), cancellationToken);
        return Results.NoContent();
    }

    private static async Task<int> NewestUsableBeforeAsync(ICofferStore store, EnvironmentRecord environment, int number, CancellationToken cancellationToken)
    {
        var earlier = await store.ListRevisionsAsync(environment.Id, number, 100, cancellationToken);
        return earlier.FirstOrDefault(r => r.Retracted is null)?.Number
            ?? throw ApiError.BadRequest($"revision {number} has no earlier revision to replace it; pass a replacement");
    }

    /// <summary>All revision tags of an environment, with the implicit <c>latest</c>.</summary>
    public static async Task<List<RevisionTag>> AllTagsAsync(ICofferStore store, EnvironmentRecord environment, CancellationToken cancellationToken)
    {
        var tags = new List<RevisionTag> { LatestTag(environment) };
        string? after = null;
        while (true)
        {
            var page = await store.ListRevisionTagsAsync(environment.Id, after, 500, cancellationToken);
            tags.AddRange(page);
            if (page.Count < 500)
            {
                return tags;
            }
            after = page[^1].Name;
        }
    }

    public static RevisionTag LatestTag(EnvironmentRecord environment) =>
        new(environment.Id, RevisionResolver.Latest, environment.LatestRevision, environment.Created, environment.Modified, "", "");
}
