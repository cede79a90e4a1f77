using Coffer.Server.Api;

namespace Coffer.Server.Environments;

/// <summary>
/// Parts of the ESC API this version does not implement yet. They answer 501 with a message, so
/// clients fail clearly instead of getting a confusing 404.
/// </summary>
public static class PlannedEndpoints
{
    public static void Map(RouteGroupBuilder api, IEndpointRouteBuilder root)
    {
        string[] all = ["GET", "POST", "PATCH", "PUT", "DELETE"];
        api.MapMethods("/environments/{org}/{project}/{env}/drafts/{**rest}", all, () => Planned("drafts and change requests")).ExcludeFromDescription();
        api.MapMethods("/environments/{org}/{project}/{env}/drafts", all, () => Planned("drafts and change requests")).ExcludeFromDescription();
        api.MapMethods("/environments/{org}/{project}/{env}/hooks/{**rest}", all, () => Planned("webhooks")).ExcludeFromDescription();
        api.MapMethods("/environments/{org}/{project}/{env}/hooks", all, () => Planned("webhooks")).ExcludeFromDescription();
        api.MapMethods("/environments/{org}/{project}/{env}/schedules/{**rest}", all, () => Planned("rotation schedules")).ExcludeFromDescription();
        api.MapMethods("/environments/{org}/{project}/{env}/schedules", all, () => Planned("rotation schedules")).ExcludeFromDescription();
        api.MapPost("/environments/{org}/{project}/{env}/open/request", () => Planned("open requests (approvals)")).ExcludeFromDescription();
        root.MapMethods("/api/change-requests/{**rest}", all, () => Planned("change requests")).ExcludeFromDescription();
        root.MapPost("/api/oauth/token", () => Planned("OIDC token exchange")).ExcludeFromDescription();
    }

    private static IResult Planned(string feature) =>
        throw ApiError.NotImplemented($"{feature} are not available in this version of Coffer yet");
}
