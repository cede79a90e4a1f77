using Coffer.Language.Declarations;
using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Storage;

namespace Coffer.Server.Environments;

/// <summary>
/// Referrers: the environments that import or reference an environment, grouped by the version of it
/// they use (<c>latest</c>, a revision number or a tag).
/// </summary>
public static class ReferrerEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/environments/{org}/{project}/{env}/referrers", ListAsync).WithSummary("List the environments that use an environment").Audited(AuditActions.EnvironmentReferrersRead);

    private static async Task<IResult> ListAsync(string org, string project, string env, HttpContext context, EnvironmentAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var (organization, environment) = await access.RequireAsync(caller, org, project, env, Permission.Read, cancellationToken);
        var key = $"{environment.Project}/{environment.Name}";
        var referrers = await store.ListReferrersAsync(organization.Id, [key], context.QueryBool("allRevisions"), cancellationToken);
        var groups = new SortedDictionary<string, List<Referrer>>(StringComparer.Ordinal);
        foreach (var (referrer, revisionNumber) in referrers)
        {
            if (await access.PermissionAsync(caller, organization, referrer, cancellationToken) < Permission.Read
                || await store.GetRevisionAsync(referrer.Id, revisionNumber, cancellationToken) is not { } revision)
            {
                continue;
            }
            var definition = EnvironmentDefinition.Parse("referrer", revision.Definition);
            var versions = definition.ReferencedEnvironments
                .Select(EnvironmentNames.ParseImport)
                .Where(r => r?.Key == key)
                .Select(r => r!.Version ?? RevisionResolver.Latest)
                .Distinct(StringComparer.Ordinal);
            foreach (var version in versions)
            {
                if (!groups.TryGetValue(version, out var list))
                {
                    groups[version] = list = [];
                }
                list.Add(new Referrer(new ReferrerEnvironment(referrer.Project, referrer.Name, revisionNumber)));
            }
        }
        return Results.Ok(new ReferrersResponse(groups.ToDictionary(g => g.Key, g => (IReadOnlyList<Referrer>)g.Value, StringComparer.Ordinal), null));
    }
}
