using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Storage;

namespace Coffer.Server.Environments;

/// <summary>Environment settings; today only deletion protection.</summary>
public static class SettingsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/environments/{org}/{project}/{env}/settings", GetAsync).WithSummary("Read an environment's settings").Audited(AuditActions.EnvironmentSettingsRead);
        api.MapMethods("/environments/{org}/{project}/{env}/settings", ["PATCH"], UpdateAsync).WithSummary("Change an environment's settings").Audited(AuditActions.EnvironmentSettingsUpdated);
    }

    private static async Task<IResult> GetAsync(string org, string project, string env, HttpContext context, EnvironmentAccess access, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Read, cancellationToken);
        return Results.Ok(new EnvironmentSettings(environment.DeletionProtected));
    }

    private static async Task<IResult> UpdateAsync(string org, string project, string env, HttpContext context, EnvironmentAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Admin, cancellationToken);
        var patch = await RequestBody.ReadJsonAsync<EnvironmentSettingsPatch>(context);
        var protectedFromDeletion = patch.DeletionProtected ?? environment.DeletionProtected;
        if (protectedFromDeletion != environment.DeletionProtected)
        {
            await store.SetDeletionProtectionAsync(environment.Id, protectedFromDeletion, cancellationToken);
        }
        return Results.Ok(new EnvironmentSettings(protectedFromDeletion));
    }
}
