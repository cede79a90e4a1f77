using System.Globalization;
using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Storage;

namespace Coffer.Server.Environments;

/// <summary>Listing, creating, reading, updating and deleting environments.</summary>
public static class EnvironmentEndpoints
{
    private const int PageSize = 500;

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/environments", ListAllAsync).WithSummary("List the environments of every organization of the caller");
        api.MapGet("/environments/{org}", ListOrganizationAsync).WithSummary("List an organization's environments");
        api.MapPost("/environments/{org}", CreateAsync).WithSummary("Create an environment").Audited(AuditActions.EnvironmentCreated);
        api.MapGet("/environments/{org}/{project}/{env}", ReadAsync).WithSummary("Read an environment's definition (secrets as ciphertext)").Audited(AuditActions.EnvironmentRead);
        api.MapMethods("/environments/{org}/{project}/{env}", ["HEAD"], ReadAsync).WithSummary("The ETag of an environment's definition").Audited(AuditActions.EnvironmentRead);
        api.MapGet("/environments/{org}/{project}/{env}/decrypt", DecryptAsync).WithSummary("Read an environment's definition with secrets in plaintext").Audited(AuditActions.EnvironmentDecrypted);
        api.MapMethods("/environments/{org}/{project}/{env}", ["PATCH"], UpdateAsync).WithSummary("Replace an environment's definition (YAML body)").Audited(AuditActions.EnvironmentUpdated);
        api.MapDelete("/environments/{org}/{project}/{env}", DeleteAsync).WithSummary("Delete an environment").Audited(AuditActions.EnvironmentDeleted);
    }

    private static async Task<IResult> ListAllAsync(HttpContext context, ICofferStore store, EnvironmentAccess access, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        return await ListPageAsync(store, caller.Organizations, context.QueryString("continuationToken"), cancellationToken, caller, access);
    }

    private static async Task<IResult> ListOrganizationAsync(string org, HttpContext context, ICofferStore store, EnvironmentAccess access, CancellationToken cancellationToken)
    {
        var organization = access.Organization(context.Caller(), org);
        return await ListPageAsync(store, [organization], context.QueryString("continuationToken"), cancellationToken, context.Caller(), access);
    }

    private static async Task<IResult> ListPageAsync(ICofferStore store, IReadOnlyList<Organization> organizations, string? continuation, CancellationToken cancellationToken, Caller caller, EnvironmentAccess access)
    {
        Page<EnvironmentUnderAccess> page;
        try
        {
            page = await store.ListEnvironmentsAsync([.. organizations.Select(o => o.Id)], continuation, PageSize, cancellationToken);
        }
        catch (FormatException)
        {
            throw ApiError.BadRequest("invalid continuationToken");
        }
        var names = organizations.ToDictionary(o => o.Id, o => o);
        var visible = new List<OrgEnvironment>();
        foreach (var listed in page.Items)
        {
            var environment = listed.Environment;
            var organization = names[environment.OrganizationId];
            if (await access.PermissionAsync(caller, organization, listed, cancellationToken) < Permission.Read)
            {
                continue;
            }
            visible.Add(new OrgEnvironment(organization.Name, environment.Project, environment.Name, ApiTime.Format(environment.Created), ApiTime.Format(environment.Modified)));
        }
        return Results.Ok(new ListEnvironmentsResponse(visible, page.Next));
    }

    private static async Task<IResult> CreateAsync(string org, HttpContext context, EnvironmentAccess access, DefinitionService definitions, CancellationToken cancellationToken)
    {
        var request = await RequestBody.ReadJsonAsync<CreateEnvironmentRequest>(context);
        if (string.IsNullOrEmpty(request.Name))
        {
            throw ApiError.BadRequest("the request must name the environment (\"name\")");
        }
        var project = request.Project is { Length: > 0 } named ? named : EnvironmentNames.DefaultProject;
        AuditScope.Current?.Project = project;
        AuditScope.Current?.Environment = request.Name;
        AuditScope.Current?.Revision = 1;
        var organization = await access.RequireCreateAsync(context.Caller(), org, cancellationToken);
        await definitions.CreateAsync(context.Caller(), organization, project, request.Name, cancellationToken);
        return Results.NoContent();
    }

    private static async Task<IResult> ReadAsync(string org, string project, string env, HttpContext context, EnvironmentAccess access, ICofferStore store, DefinitionService definitions, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Read, cancellationToken);
        var revision = await RevisionResolver.ResolveAsync(store, environment, null, cancellationToken);
        AuditScope.Current?.Revision = revision.Number;
        return Responses.Definition(await definitions.TextAsync(environment, revision, decrypt: false, cancellationToken), revision.Number, Responses.ETag(revision.Number));
    }

    private static async Task<IResult> DecryptAsync(string org, string project, string env, HttpContext context, EnvironmentAccess access, ICofferStore store, DefinitionService definitions, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Open, cancellationToken);
        var revision = await RevisionResolver.ResolveAsync(store, environment, null, cancellationToken);
        AuditScope.Current?.Revision = revision.Number;
        return Responses.Definition(await definitions.TextAsync(environment, revision, decrypt: true, cancellationToken), revision.Number, Responses.ETag(revision.Number));
    }

    private static async Task<IResult> UpdateAsync(string org, string project, string env, HttpContext context, EnvironmentAccess access, DefinitionService definitions, EvaluationService evaluation, CancellationToken cancellationToken)
    {
        var (organization, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Write, cancellationToken);
        var yaml = await RequestBody.ReadTextAsync(context, evaluation.Limits.MaxDocumentBytes);
        var (revision, warnings) = await definitions.UpdateAsync(context.Caller(), organization, environment, yaml, ExpectedRevision(context), cancellationToken);
        context.Response.Headers["Pulumi-ESC-Revision"] = revision.ToString(CultureInfo.InvariantCulture);
        return warnings.Count == 0 ? Results.Json(new { }) : Responses.RawJson(WarningsJson(warnings));
    }

    private static async Task<IResult> DeleteAsync(string org, string project, string env, HttpContext context, EnvironmentAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Admin, cancellationToken);
        if (environment.DeletionProtected)
        {
            throw ApiError.Conflict($"environment {org}/{project}/{env} is deletion-protected; turn deletion protection off in its settings first");
        }
        await store.DeleteEnvironmentAsync(environment.Id, cancellationToken);
        return Results.NoContent();
    }

    /// <summary>
    /// The revision a read-modify-write was based on: the esc CLI sends the ETag it read in a request
    /// header named <c>ETag</c>; <c>If-Match</c> is accepted too. Absent means a blind write.
    /// </summary>
    internal static int? ExpectedRevision(HttpContext context)
    {
        var etag = context.Request.Headers.ETag.ToString();
        if (string.IsNullOrEmpty(etag))
        {
            etag = context.Request.Headers.IfMatch.ToString();
        }
        if (string.IsNullOrEmpty(etag) || etag == "*")
        {
            return null;
        }
        var text = etag.Trim().TrimStart('W', '/').Trim('"');
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var revision)
            ? revision
            : throw ApiError.Conflict($"the ETag \"{etag}\" does not match the environment; read it again and retry");
    }

    private static byte[] WarningsJson(IReadOnlyList<Language.Diagnostics.Diagnostic> warnings)
    {
        using var stream = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("diagnostics");
            DiagnosticJson.WriteList(writer, warnings);
            writer.WriteEndObject();
        }
        return stream.ToArray();
    }
}
