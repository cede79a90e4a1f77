using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Storage;

namespace Coffer.Server.Environments;

/// <summary>Revision tags: named pointers to revisions (<c>latest</c> is built in and always the newest).</summary>
public static class RevisionTagEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/environments/{org}/{project}/{env}/versions/tags", ListAsync).WithSummary("List revision tags by name").Audited(AuditActions.EnvironmentVersionTagsRead);
        api.MapPost("/environments/{org}/{project}/{env}/versions/tags", CreateAsync).WithSummary("Create a revision tag").Audited(AuditActions.EnvironmentVersionTagCreated);
        api.MapGet("/environments/{org}/{project}/{env}/versions/tags/{tag}", GetAsync).WithSummary("Read a revision tag").Audited(AuditActions.EnvironmentVersionTagRead);
        api.MapMethods("/environments/{org}/{project}/{env}/versions/tags/{tag}", ["PATCH"], UpdateAsync).WithSummary("Point a revision tag at another revision").Audited(AuditActions.EnvironmentVersionTagUpdated);
        api.MapDelete("/environments/{org}/{project}/{env}/versions/tags/{tag}", DeleteAsync).WithSummary("Delete a revision tag").Audited(AuditActions.EnvironmentVersionTagDeleted);
    }

    private static async Task<IResult> ListAsync(string org, string project, string env, HttpContext context, EnvironmentAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Read, cancellationToken);
        var after = context.QueryString("after");
        var count = Math.Clamp(context.QueryInt("count") ?? 500, 1, 500);
        var stored = await store.ListRevisionTagsAsync(environment.Id, after, count, cancellationToken);
        var tags = stored.ToList();
        if (after is null || string.CompareOrdinal(RevisionResolver.Latest, after) > 0)
        {
            tags.Add(RevisionEndpoints.LatestTag(environment));
        }
        var page = tags.OrderBy(t => t.Name, StringComparer.Ordinal).Take(count).ToList();
        var next = page.Count == count ? page[^1].Name : null;
        return Results.Ok(new ListRevisionTagsResponse([.. page.Select(Info)], next));
    }

    private static async Task<IResult> CreateAsync(string org, string project, string env, HttpContext context, EnvironmentAccess access, ICofferStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Write, cancellationToken);
        var request = await RequestBody.ReadJsonAsync<CreateRevisionTagRequest>(context);
        var name = request.Name ?? throw ApiError.BadRequest("the request must name the tag (\"name\")");
        EnvironmentNames.ValidateRevisionTag(name);
        if (name == RevisionResolver.Latest)
        {
            throw ApiError.Conflict("the tag latest already exists and always names the newest revision");
        }
        var revision = await UsableRevisionAsync(store, environment, request.Revision ?? environment.LatestRevision, cancellationToken);
        var caller = context.Caller();
        var now = clock.GetUtcNow();
        try
        {
            await store.CreateRevisionTagAsync(new RevisionTag(environment.Id, name, revision, now, now, caller.Login, caller.Name), cancellationToken);
        }
        catch (ConflictException)
        {
            throw ApiError.Conflict($"tag {name} already exists");
        }
        return Results.NoContent();
    }

    private static async Task<IResult> GetAsync(string org, string project, string env, string tag, HttpContext context, EnvironmentAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Read, cancellationToken);
        if (tag == RevisionResolver.Latest)
        {
            return Results.Ok(Info(RevisionEndpoints.LatestTag(environment)));
        }
        var found = await store.GetRevisionTagAsync(environment.Id, tag, cancellationToken) ?? throw ApiError.NotFound($"tag {tag} not found");
        return Results.Ok(Info(found));
    }

    private static async Task<IResult> UpdateAsync(string org, string project, string env, string tag, HttpContext context, EnvironmentAccess access, ICofferStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Write, cancellationToken);
        if (tag == RevisionResolver.Latest)
        {
            throw ApiError.BadRequest("the tag latest always names the newest revision and cannot be moved");
        }
        var request = await RequestBody.ReadJsonAsync<UpdateRevisionTagRequest>(context);
        var revision = await UsableRevisionAsync(store, environment, request.Revision ?? environment.LatestRevision, cancellationToken);
        var caller = context.Caller();
        if (!await store.UpdateRevisionTagAsync(environment.Id, tag, revision, caller.Actor, clock.GetUtcNow(), cancellationToken))
        {
            throw ApiError.NotFound($"tag {tag} not found");
        }
        return Results.NoContent();
    }

    private static async Task<IResult> DeleteAsync(string org, string project, string env, string tag, HttpContext context, EnvironmentAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Write, cancellationToken);
        if (tag == RevisionResolver.Latest)
        {
            throw ApiError.BadRequest("the tag latest cannot be deleted");
        }
        if (!await store.DeleteRevisionTagAsync(environment.Id, tag, cancellationToken))
        {
            throw ApiError.NotFound($"tag {tag} not found");
        }
        return Results.NoContent();
    }

    private static async Task<int> UsableRevisionAsync(ICofferStore store, EnvironmentRecord environment, int number, CancellationToken cancellationToken)
    {
        var revision = await store.GetRevisionAsync(environment.Id, number, cancellationToken) ?? throw ApiError.BadRequest($"revision {number} does not exist");
        return revision.Retracted is null ? number : throw ApiError.BadRequest($"revision {number} is retracted");
    }

    private static RevisionTagInfo Info(RevisionTag tag) =>
        new(tag.Name, tag.Revision, ApiTime.Format(tag.Created), ApiTime.Format(tag.Modified), tag.EditorLogin, tag.EditorName);
}
