using Coffer.Server.Api;

namespace Coffer.Server.Accounts;

/// <summary>
/// The account endpoints ESC clients call: who the caller is (the esc CLI validates tokens with it)
/// and which organization to default to.
/// </summary>
public static class UserEndpoints
{
    public static void Map(IEndpointRouteBuilder root)
    {
        root.MapGet("/api/user", GetUser).WithSummary("The caller, and the organizations it belongs to");
        root.MapGet("/api/user/organizations/default", GetDefaultOrganization).WithSummary("The organization the caller uses by default");
    }

    private static IResult GetUser(HttpContext context)
    {
        var caller = context.Caller();
        var organizations = caller.Organizations.Select(o => new { githubLogin = o.Name, name = o.Name, avatarUrl = "" }).ToList();
        return Results.Ok(new
        {
            id = caller.User?.Id ?? caller.Token.Id,
            githubLogin = caller.Login,
            name = caller.Name,
            email = caller.User?.Email ?? "",
            avatarUrl = "",
            organizations,
            identities = Array.Empty<string>(),
            tokenInfo = caller.User is null ? new { name = caller.Token.Name, organization = caller.TokenOrganization?.Name } : null,
        });
    }

    private static IResult GetDefaultOrganization(HttpContext context)
    {
        var first = context.Caller().Organizations.OrderBy(o => o.Created).FirstOrDefault()
            ?? throw ApiError.NotFound("the caller belongs to no organization");
        return Results.Ok(new { gitHubLogin = first.Name });
    }
}
