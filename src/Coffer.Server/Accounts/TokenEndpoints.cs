using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Organizations;
using Coffer.Server.Storage;

namespace Coffer.Server.Accounts;

/// <summary>
/// Personal tokens (managed by their user), and organization and team tokens (managed by the
/// organization's administrators). Lists carry metadata only; a value is shown once, on creation.
/// </summary>
public static class TokenEndpoints
{
    public static void Map(IEndpointRouteBuilder root, RouteGroupBuilder orgs)
    {
        root.MapGet("/api/user/tokens", ListPersonalAsync).WithSummary("List the caller's personal tokens (metadata only)");
        root.MapPost("/api/user/tokens", CreatePersonalAsync).WithSummary("Create a personal token; the value is in the response only")
            .AuditedInCallersOrganizations(AuditActions.TokenCreated);
        root.MapDelete("/api/user/tokens/{id}", RevokePersonalAsync).WithSummary("Revoke one of the caller's personal tokens")
            .AuditedInCallersOrganizations(AuditActions.TokenRevoked);
        orgs.MapGet("/{org}/tokens", ListOrganizationAsync).WithSummary("List the organization's tokens (metadata only)").Audited(AuditActions.TokensRead);
        orgs.MapPost("/{org}/tokens", CreateOrganizationAsync).WithSummary("Create an organization token, an administrator when 'admin' is true; the value is in the response only").Audited(AuditActions.TokenCreated);
        orgs.MapDelete("/{org}/tokens/{id}", RevokeOrganizationAsync).WithSummary("Revoke an organization token").Audited(AuditActions.TokenRevoked);
        orgs.MapGet("/{org}/teams/{team}/tokens", ListTeamAsync).WithSummary("List a team's tokens (metadata only)").Audited(AuditActions.TokensRead);
        orgs.MapPost("/{org}/teams/{team}/tokens", CreateTeamAsync).WithSummary("Create a team token, acting with the team's grants; the value is in the response only").Audited(AuditActions.TokenCreated);
        orgs.MapDelete("/{org}/teams/{team}/tokens/{id}", RevokeTeamAsync).WithSummary("Revoke a team token").Audited(AuditActions.TokenRevoked);
    }

    private static async Task<IResult> ListPersonalAsync(HttpContext context, ICofferStore store, CancellationToken cancellationToken) =>
        Results.Ok(new { tokens = (await store.ListPersonalTokensAsync(User(context).Id, cancellationToken)).Select(OrganizationJson.Token) });

    private static async Task<IResult> CreatePersonalAsync(HttpContext context, ICofferStore store, TokenIssuer issuer, CancellationToken cancellationToken)
    {
        var user = User(context);
        var request = await RequestBody.ReadJsonAsync<CreateTokenRequest>(context);
        return await issuer.IssueAsync(request, TokenKind.Personal, user.Id, null, null, false,
            await store.ListPersonalTokensAsync(user.Id, cancellationToken), context.Caller(), cancellationToken);
    }

    private static async Task<IResult> RevokePersonalAsync(string id, HttpContext context, ICofferStore store, TokenIssuer issuer, CancellationToken cancellationToken) =>
        await issuer.RevokeAsync(id, await store.ListPersonalTokensAsync(User(context).Id, cancellationToken), cancellationToken);

    private static async Task<IResult> ListOrganizationAsync(string org, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        return Results.Ok(new { tokens = (await store.ListOrganizationTokensAsync(organization.Id, TokenKind.Organization, null, cancellationToken)).Select(OrganizationJson.Token) });
    }

    private static async Task<IResult> CreateOrganizationAsync(string org, HttpContext context, OrganizationAccess access, ICofferStore store, TokenIssuer issuer, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var request = await RequestBody.ReadJsonAsync<CreateTokenRequest>(context);
        return await issuer.IssueAsync(request, TokenKind.Organization, null, organization.Id, null, request.Admin == true,
            await store.ListOrganizationTokensAsync(organization.Id, TokenKind.Organization, null, cancellationToken), context.Caller(), cancellationToken);
    }

    private static async Task<IResult> RevokeOrganizationAsync(string org, string id, HttpContext context, OrganizationAccess access, ICofferStore store, TokenIssuer issuer, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        return await issuer.RevokeAsync(id, await store.ListOrganizationTokensAsync(organization.Id, TokenKind.Organization, null, cancellationToken), cancellationToken);
    }

    private static async Task<IResult> ListTeamAsync(string org, string team, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var found = await TeamEndpoints.FindAsync(store, organization, team, cancellationToken);
        return Results.Ok(new { tokens = (await store.ListOrganizationTokensAsync(organization.Id, TokenKind.Team, found.Id, cancellationToken)).Select(OrganizationJson.Token) });
    }

    private static async Task<IResult> CreateTeamAsync(string org, string team, HttpContext context, OrganizationAccess access, ICofferStore store, TokenIssuer issuer, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var found = await TeamEndpoints.FindAsync(store, organization, team, cancellationToken);
        var request = await RequestBody.ReadJsonAsync<CreateTokenRequest>(context);
        return await issuer.IssueAsync(request, TokenKind.Team, null, organization.Id, found.Id, false,
            await store.ListOrganizationTokensAsync(organization.Id, TokenKind.Team, found.Id, cancellationToken), context.Caller(), cancellationToken);
    }

    private static async Task<IResult> RevokeTeamAsync(string org, string team, string id, HttpContext context, OrganizationAccess access, ICofferStore store, TokenIssuer issuer, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var found = await TeamEndpoints.FindAsync(store, organization, team, cancellationToken);
        return await issuer.RevokeAsync(id, await store.ListOrganizationTokensAsync(organization.Id, TokenKind.Team, found.Id, cancellationToken), cancellationToken);
    }

    // Personal tokens belong to a person: organization and team tokens have none to manage.
    private static User User(HttpContext context) =>
        context.Caller().User ?? throw ApiError.Forbidden("only a user's personal token can manage personal tokens");
}
