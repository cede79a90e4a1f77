using System.Buffers;
using System.Text.Json;
using Coffer.Server.Api;
using Coffer.Server.Auth;
using Coffer.Server.Storage;

namespace Coffer.Server.Audit;

/// <summary>
/// The audit log of an organization, for its administrators: query it page by page, export it as
/// JSON lines, and verify its hash chain.
/// </summary>
public static class AuditEndpoints
{
    private const int ExportPageSize = 1000;

    public static void Map(RouteGroupBuilder orgs)
    {
        orgs.MapGet("/{org}/audit", QueryAsync)
            .WithSummary("Audit events, newest first; filters: from, to (RFC 3339 or unix seconds), actor, environment (project/name), action, outcome; count (1-1000), continuationToken")
            .Audited(AuditActions.AuditRead);
        orgs.MapGet("/{org}/audit/export", ExportAsync)
            .WithSummary("Every audit event matching the filters, oldest first, as JSON lines (application/x-ndjson)")
            .Audited(AuditActions.AuditExported);
        orgs.MapGet("/{org}/audit/verify", VerifyAsync)
            .WithSummary("Check the audit log's hash chain and name the first record that does not verify")
            .Audited(AuditActions.AuditVerified);
    }

    private static async Task<IResult> QueryAsync(string org, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var query = AuditQueryParameters.Parse(context);
        var count = AuditQueryParameters.Count(context);
        Page<AuditRecord> page;
        try
        {
            page = await store.QueryAuditEventsAsync(organization.Id, query, false, context.QueryString("continuationToken"), count, cancellationToken);
        }
        catch (FormatException)
        {
            throw ApiError.BadRequest("invalid continuationToken");
        }
        return Responses.RawJson(AuditJson.Page(organization.Name, page));
    }

    private static async Task<IResult> ExportAsync(string org, HttpContext context, OrganizationAccess access, ICofferStore store, AuditLog audit, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var query = AuditQueryParameters.Parse(context);
        // Recorded before the first line leaves: once streaming starts, a failure can no longer become a 500.
        if (AuditScope.Current is { } scope)
        {
            await audit.FlushAsync(scope, cancellationToken);
        }
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/x-ndjson";
        string? continuation = null;
        await using var writer = new Utf8JsonWriter(response.BodyWriter);
        do
        {
            var page = await store.QueryAuditEventsAsync(organization.Id, query, true, continuation, ExportPageSize, cancellationToken);
            foreach (var record in page.Items)
            {
                AuditJson.Write(writer, organization.Name, record);
                await writer.FlushAsync(cancellationToken);
                writer.Reset();
                response.BodyWriter.Write("\n"u8);
            }
            await response.BodyWriter.FlushAsync(cancellationToken);
            continuation = page.Next;
        }
        while (continuation is not null);
        return Results.Empty;
    }

    private static async Task<IResult> VerifyAsync(string org, HttpContext context, OrganizationAccess access, ICofferStore store, CancellationToken cancellationToken)
    {
        var organization = await access.RequireAdminAsync(context.Caller(), org, cancellationToken);
        var result = await AuditChainVerifier.VerifyAsync(store, organization.Id, cancellationToken);
        return Results.Ok(new AuditVerifyResponse(
            result.Valid,
            result.Records,
            result.Head?.Sequence ?? 0,
            result.Head?.Hash ?? "",
            result.BrokenSequence is { } sequence ? new BrokenRecord(sequence, result.Reason!) : null));
    }
}

/// <summary>The answer of <c>GET /api/orgs/{org}/audit/verify</c>.</summary>
public sealed record AuditVerifyResponse(bool Valid, long Records, long HeadSequence, string HeadHash, BrokenRecord? FirstBroken);

/// <summary>The first record of a chain that does not verify, and why.</summary>
public sealed record BrokenRecord(long Sequence, string Reason);
