using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Storage;

namespace Coffer.Server.Environments;

/// <summary>Environment tags: free key/value metadata, not versioned.</summary>
public static class EnvironmentTagEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/environments/{org}/{project}/{env}/tags", ListAsync).WithSummary("List environment tags").Audited(AuditActions.EnvironmentTagsRead);
        api.MapPost("/environments/{org}/{project}/{env}/tags", CreateAsync).WithSummary("Create an environment tag").Audited(AuditActions.EnvironmentTagCreated);
        api.MapGet("/environments/{org}/{project}/{env}/tags/{name}", GetAsync).WithSummary("Read an environment tag").Audited(AuditActions.EnvironmentTagsRead);
        api.MapMethods("/environments/{org}/{project}/{env}/tags/{name}", ["PATCH"], UpdateAsync).WithSummary("Rename or change an environment tag").Audited(AuditActions.EnvironmentTagUpdated);
        api.MapDelete("/environments/{org}/{project}/{env}/tags/{name}", DeleteAsync).WithSummary("Delete an environment tag").Audited(AuditActions.EnvironmentTagDeleted);
    }

    private static async Task<IResult> ListAsync(string org, string project, string env, HttpContext context, EnvironmentAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Read, cancellationToken);
        var count = Math.Clamp(context.QueryInt("count") ?? 500, 1, 500);
        var tags = await store.ListEnvironmentTagsAsync(environment.Id, context.QueryString("after"), count, cancellationToken);
        // The esc CLI pages until it sees the token "0".
        var next = tags.Count == count ? tags[^1].Name : "0";
        return Results.Ok(new ListEnvironmentTagsResponse(tags.ToDictionary(t => t.Name, Info, StringComparer.Ordinal), next));
    }

    private static async Task<IResult> CreateAsync(string org, string project, string env, HttpContext context, EnvironmentAccess access, ICofferStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Write, cancellationToken);
        var request = await RequestBody.ReadJsonAsync<CreateEnvironmentTagRequest>(context);
        var name = request.Name is { Length: > 0 } n ? n : throw ApiError.BadRequest("the request must name the tag (\"name\")");
        ValidateTag(name, request.Value);
        var caller = context.Caller();
        var now = clock.GetUtcNow();
        var tag = new EnvironmentTag(environment.Id, name, request.Value ?? "", now, now, caller.Login, caller.Name);
        try
        {
            await store.CreateEnvironmentTagAsync(tag, cancellationToken);
        }
        catch (ConflictException)
        {
            throw ApiError.Conflict($"tag {name} already exists");
        }
        return Results.Ok(Info(tag));
    }

    private static async Task<IResult> GetAsync(string org, string project, string env, string name, HttpContext context, EnvironmentAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Read, cancellationToken);
        var tag = await store.GetEnvironmentTagAsync(environment.Id, name, cancellationToken) ?? throw ApiError.NotFound($"tag {name} not found");
        return Results.Ok(Info(tag));
    }

    private static async Task<IResult> UpdateAsync(string org, string project, string env, string name, HttpContext context, EnvironmentAccess access, ICofferStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Write, cancellationToken);
        var request = await RequestBody.ReadJsonAsync<UpdateEnvironmentTagRequest>(context);
        var current = await store.GetEnvironmentTagAsync(environment.Id, name, cancellationToken) ?? throw ApiError.NotFound($"tag {name} not found");
        if (request.CurrentTag?.Value is { } expected && expected != current.Value)
        {
            throw ApiError.Conflict($"tag {name} was changed since it was read; read it again and retry");
        }
        // Empty new fields mean "unchanged" (the esc CLI always sends both).
        var newName = request.NewTag?.Name is { Length: > 0 } renamed ? renamed : current.Name;
        var newValue = request.NewTag?.Value is { Length: > 0 } value ? value : current.Value;
        ValidateTag(newName, newValue);
        var caller = context.Caller();
        try
        {
            var updated = await store.UpdateEnvironmentTagAsync(environment.Id, name, newName, newValue, caller.Actor, clock.GetUtcNow(), cancellationToken)
                ?? throw ApiError.NotFound($"tag {name} not found");
            return Results.Ok(Info(updated));
        }
        catch (ConflictException)
        {
            throw ApiError.Conflict($"tag {newName} already exists");
        }
    }

    private static async Task<IResult> DeleteAsync(string org, string project, string env, string name, HttpContext context, EnvironmentAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Write, cancellationToken);
        if (!await store.DeleteEnvironmentTagAsync(environment.Id, name, cancellationToken))
        {
            throw ApiError.NotFound($"tag {name} not found");
        }
        return Results.NoContent();
    }

    private static void ValidateTag(string name, string? value)
    {
        if (name.Length > 100 || name.Any(char.IsControl))
        {
            throw ApiError.BadRequest("a tag name has at most 100 characters and no control characters");
        }
        // The name is a path segment of the tag's URL: routing never decodes %2F, and clients resolve
        // "." and ".." before sending, so such a tag could be created but never read or deleted.
        if (name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
        {
            throw ApiError.BadRequest($"invalid tag name \"{name}\": a tag name cannot contain '/' or be \".\" or \"..\"");
        }
        if (value is { Length: > 4096 })
        {
            throw ApiError.BadRequest("a tag value has at most 4096 characters");
        }
    }

    private static EnvironmentTagInfo Info(EnvironmentTag tag) =>
        new(tag.Name, tag.Value, ApiTime.Format(tag.Created), ApiTime.Format(tag.Modified), tag.EditorLogin, tag.EditorName);
}
