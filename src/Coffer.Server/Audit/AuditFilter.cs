using Coffer.Server.Api;
using Coffer.Server.Auth;
using Coffer.Server.Storage;

namespace Coffer.Server.Audit;

/// <summary>
/// Audits one endpoint. The request runs in an <see cref="AuditScope"/> whose event is appended by
/// the first write transaction the request commits; an event still pending when the endpoint
/// returns (a read) goes through the <see cref="AuditLog"/> before the result is written, so a
/// response that carries secrets leaves only after its record committed. A denied or failed
/// request is recorded with its outcome. When the record cannot be written the request fails
/// with 500 instead of answering. An action on the caller's own account (a route without an
/// organization, <paramref name="everyOrganization"/>) is recorded in every organization the
/// caller's token reaches: their administrators see what could act there.
/// </summary>
internal sealed class AuditFilter(string action, string? deniedAction, bool everyOrganization) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var values = http.Request.RouteValues;
        var organizationName = values["org"] as string ?? "";
        var project = values["project"] as string ?? "";
        var environment = values["env"] as string ?? "";
        var caller = http.Features.Get<Caller>();
        List<string> organizationIds = everyOrganization
            ? [.. caller?.Organizations.Select(o => o.Id) ?? []]
            : caller?.Organization(organizationName)?.Id is { } id ? [id] : [];
        var primaryCount = organizationIds.Count;
        var audit = http.RequestServices.GetRequiredService<AuditLog>();
        var scope = new AuditScope(primaryCount == 0
            ? null
            : s => [.. organizationIds.Select(organizationId =>
                AuditEvents.ForRequest(http, organizationId, action, AuditOutcomes.Success, s.Project ?? project, s.Environment ?? environment, s.Revision, Details(values, s, null)))]);
        using var entered = AuditScope.Enter(scope);
        object? result;
        try
        {
            result = await next(context);
        }
        catch (AuditUnavailableException)
        {
            throw;
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (!scope.PrimaryWritten)
        {
            var status = ex switch
            {
                ApiError error => error.Status,
                ConflictException => StatusCodes.Status409Conflict,
                BadHttpRequestException bad => bad.StatusCode,
                _ => StatusCodes.Status500InternalServerError,
            };
            var denied = status is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound;
            // A caller outside the organization still leaves a trace in the organization it probed.
            if (organizationIds.Count == 0 && denied && !everyOrganization
                && await AuditEvents.NamedOrganizationIdAsync(http.RequestServices.GetRequiredService<ICofferStore>(), organizationName) is { } probed)
            {
                organizationIds.Add(probed);
            }
            if (organizationIds.Count > 0)
            {
                // The request's own events are replaced by the failure's; others it collected stay.
                List<AuditEvent> events = [.. organizationIds.Select(organizationId => AuditEvents.ForRequest(http, organizationId, denied ? deniedAction ?? action : action,
                    denied ? AuditOutcomes.Denied : AuditOutcomes.Failed, scope.Project ?? project, scope.Environment ?? environment, scope.Revision, Details(values, scope, status)))];
                if (scope.TakePending() is { } pending)
                {
                    events.AddRange(pending.Skip(primaryCount));
                }
                await audit.RecordAsync(events, CancellationToken.None);
            }
            throw;
        }
        await audit.FlushAsync(scope, CancellationToken.None);
        return result;
    }

    /// <summary>
    /// The route's values other than the environment's address (a version, tag, login, team, token
    /// id...), the facts the endpoint added, and the status of a refusal. An open session's id is
    /// left out: with open permission it reads the session's secrets.
    /// </summary>
    private string Details(RouteValueDictionary values, AuditScope scope, int? status)
    {
        var facts = new List<(string Name, object? Value)>();
        foreach (var (name, value) in values)
        {
            if (name is "org" or "project" or "env" || (name == "id" && action is AuditActions.EnvironmentReadOpen or AuditActions.YamlReadOpen))
            {
                continue;
            }
            facts.Add((name, value as string));
        }
        facts.AddRange(scope.Facts);
        if (status is not null)
        {
            facts.Add(("status", status));
        }
        return facts.Count == 0 ? "{}" : AuditEvents.Details([.. facts]);
    }
}

/// <summary>Marks endpoints as audited.</summary>
public static class AuditedEndpoints
{
    /// <summary>
    /// Records every call of this endpoint as <paramref name="action"/> (or, when the caller lacks
    /// the permission, as <paramref name="deniedAction"/> if given).
    /// </summary>
    public static RouteHandlerBuilder Audited(this RouteHandlerBuilder builder, string action, string? deniedAction = null) =>
        builder.AddEndpointFilter(new AuditFilter(action, deniedAction, everyOrganization: false));

    /// <summary>
    /// Records every call of this endpoint, an action on the caller's own account, as
    /// <paramref name="action"/> in each organization the caller's token reaches.
    /// </summary>
    public static RouteHandlerBuilder AuditedInCallersOrganizations(this RouteHandlerBuilder builder, string action) =>
        builder.AddEndpointFilter(new AuditFilter(action, null, everyOrganization: true));
}
