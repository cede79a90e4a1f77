using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Storage;

namespace Coffer.Server.Environments;

/// <summary>Cloning an environment, optionally with its history, tags and grants. Secrets are re-encrypted for the copy.</summary>
public static class CloneEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/environments/{org}/{project}/{env}/clone", CloneAsync).WithSummary("Clone an environment").Audited(AuditActions.EnvironmentClone);

    private static async Task<IResult> CloneAsync(string org, string project, string env, HttpContext context, EnvironmentAccess access, OrganizationAccess organizationAccess, ICofferStore store, DefinitionService definitions, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var (organization, source) = await access.RequireAsync(caller, org, project, env, Permission.Open, cancellationToken);
        var request = await RequestBody.ReadJsonAsync<CloneRequest>(context);
        var name = request.Name is { Length: > 0 } n ? n : throw ApiError.BadRequest("the request must name the new environment (\"name\")");
        await access.RequireCreateAsync(caller, org, cancellationToken);
        if (request.PreserveAccess == true)
        {
            // Copying the grants sets grants, which only the organization's administrators may do.
            await organizationAccess.RequireAdminAsync(caller, org, cancellationToken);
        }

        // The copy gets the chosen revision as its definition, or every revision with preserveHistory.
        // Resolved before anything is created, so a version that does not exist creates nothing.
        var revisions = request.PreserveHistory == true
            ? (await store.ListRevisionsAsync(source.Id, null, int.MaxValue, cancellationToken)).Where(r => r.Number > 1).OrderBy(r => r.Number).ToList()
            : [await RevisionResolver.ResolveAsync(store, source, request.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken)];
        var destinationProject = request.Project is { Length: > 0 } p ? p : source.Project;
        AuditScope.Current?.AddDetail("destination", $"{destinationProject}/{name}");
        var destination = await definitions.CreateAsync(caller, organization, destinationProject, name, cancellationToken);
        try
        {
            await CopyAsync(request, source, destination, revisions, caller, store, definitions, clock, cancellationToken);
            if (request.PreserveAccess == true)
            {
                await CopyGrantsAsync(source, destination, access.CreatorGrant(caller, destination), store, cancellationToken);
            }
        }
        catch
        {
            // No half-made copy is left behind, and the name stays free for another try.
            await store.DeleteEnvironmentAsync(destination.Id, CancellationToken.None);
            throw;
        }
        return Results.NoContent();
    }

    private static async Task CopyAsync(
        CloneRequest request, EnvironmentRecord source, EnvironmentRecord destination, IReadOnlyList<RevisionRecord> revisions,
        Caller caller, ICofferStore store, DefinitionService definitions, TimeProvider clock, CancellationToken cancellationToken)
    {
        foreach (var revision in revisions)
        {
            var definition = await definitions.ReencryptAsync(revision.Definition, source, destination, cancellationToken);
            var references = DefinitionService.References(Language.Declarations.EnvironmentDefinition.Parse("clone", definition).ReferencedEnvironments);
            await store.AddRevisionAsync(destination.Id, null, definition, caller.Actor, clock.GetUtcNow(), references, cancellationToken);
        }
        // A copied history must not make readable again what was retracted in the source. Retracted
        // only once all are copied: the latest revision cannot be retracted, and each was the latest.
        foreach (var revision in revisions.Where(r => r.Retracted is not null && request.PreserveHistory == true))
        {
            await store.RetractRevisionAsync(destination.Id, revision.Number, revision.Retracted!, cancellationToken);
        }
        if (request.PreserveHistory == true && request.PreserveRevisionTags == true)
        {
            foreach (var tag in await RevisionEndpoints.AllTagsAsync(store, source, cancellationToken))
            {
                if (tag.Name != RevisionResolver.Latest)
                {
                    await store.CreateRevisionTagAsync(tag with { EnvironmentId = destination.Id }, cancellationToken);
                }
            }
        }
        if (request.PreserveEnvironmentTags == true)
        {
            var tags = await store.ListEnvironmentTagsAsync(source.Id, null, 10_000, cancellationToken);
            foreach (var tag in tags)
            {
                await store.CreateEnvironmentTagAsync(tag with { EnvironmentId = destination.Id }, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Gives the copy the grants on the source environment itself (grants on its whole project
    /// already apply to a copy in the same project). The creator keeps the grant it got when the
    /// copy was created.
    /// </summary>
    private static async Task CopyGrantsAsync(EnvironmentRecord source, EnvironmentRecord destination, Grant? creatorGrant, ICofferStore store, CancellationToken cancellationToken)
    {
        foreach (var grant in await store.ListGrantsAsync(source.OrganizationId, source.Project, source.Name, cancellationToken))
        {
            if (creatorGrant is null || grant.SubjectKind != creatorGrant.SubjectKind || grant.SubjectId != creatorGrant.SubjectId)
            {
                await store.SetGrantAsync(grant with { Project = destination.Project, Environment = destination.Name }, cancellationToken);
            }
        }
    }
}
