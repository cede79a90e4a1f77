using System.Text.Json.Nodes;
using Coffer.Language;
using Coffer.Language.Hosting;
using Coffer.Language.Syntax;
using Coffer.Language.Values;
using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Auth;
using Coffer.Server.Crypto;
using Coffer.Server.Sessions;
using Coffer.Server.Storage;

namespace Coffer.Server.Environments;

/// <summary>
/// Evaluating environments: opening stored ones (at the latest revision or a version) into
/// sessions, reading sessions whole or one property at a time, and checking or opening a YAML
/// document that is not stored.
/// </summary>
public static class OpenEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/environments/{org}/{project}/{env}/open", OpenLatestAsync).WithSummary("Open an environment (evaluate it) into a session").Audited(AuditActions.EnvironmentOpen, AuditActions.EnvironmentUnauthorizedOpen);
        api.MapPost("/environments/{org}/{project}/{env}/versions/{version}/open", OpenVersionAsync).WithSummary("Open an environment at a revision or tag").Audited(AuditActions.EnvironmentVersionOpen, AuditActions.EnvironmentUnauthorizedOpen);
        api.MapGet("/environments/{org}/{project}/{env}/open/{id}", ReadSessionAsync).WithSummary("Read an open session, or one property of it").Audited(AuditActions.EnvironmentReadOpen);
        api.MapPost("/environments/{org}/yaml/check", CheckYamlAsync).WithSummary("Check a YAML definition without storing it").Audited(AuditActions.YamlCheck);
        api.MapPost("/environments/{org}/yaml/open", OpenYamlAsync).WithSummary("Open a YAML definition without storing it").Audited(AuditActions.YamlOpen);
        api.MapGet("/environments/{org}/yaml/open/{id}", ReadYamlSessionAsync).WithSummary("Read an open session of a YAML definition").Audited(AuditActions.YamlReadOpen);
    }

    private static Task<IResult> OpenLatestAsync(string org, string project, string env, HttpContext context, EnvironmentAccess access, ICofferStore store, KeyRing keys, EvaluationService evaluation, LatestRevisionCache latestRevisions, OpenSessionService sessions, CancellationToken cancellationToken) =>
        OpenAsync(org, project, env, null, context, access, store, keys, evaluation, latestRevisions, sessions, cancellationToken);

    private static Task<IResult> OpenVersionAsync(string org, string project, string env, string version, HttpContext context, EnvironmentAccess access, ICofferStore store, KeyRing keys, EvaluationService evaluation, LatestRevisionCache latestRevisions, OpenSessionService sessions, CancellationToken cancellationToken) =>
        OpenAsync(org, project, env, version, context, access, store, keys, evaluation, latestRevisions, sessions, cancellationToken);

    private static async Task<IResult> OpenAsync(string org, string project, string env, string? version, HttpContext context, EnvironmentAccess access, ICofferStore store, KeyRing keys, EvaluationService evaluation, LatestRevisionCache latestRevisions, OpenSessionService sessions, CancellationToken cancellationToken)
    {
        var duration = Duration(context);
        var (organization, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Open, cancellationToken);
        var revision = await RevisionResolver.ResolveAsync(store, environment, version, cancellationToken, latestRevisions);
        AuditScope.Current?.Revision = revision.Number;
        var evaluated = await evaluation.OpenStoredAsync(context.Caller(), organization, $"{project}/{env}", revision, keys.CipherFor(environment), cancellationToken);
        return await StoreSessionAsync(environment.Id, revision.Number, evaluated, duration, sessions, cancellationToken);
    }

    private static async Task<IResult> ReadSessionAsync(string org, string project, string env, string id, HttpContext context, EnvironmentAccess access, OpenSessionService sessions, CancellationToken cancellationToken)
    {
        var (_, environment) = await access.RequireAsync(context.Caller(), org, project, env, Permission.Open, cancellationToken);
        return Session(await sessions.ReadAsync(id, environment.Id, cancellationToken), context.QueryString("property"));
    }

    private static async Task<IResult> CheckYamlAsync(string org, HttpContext context, EnvironmentAccess access, EvaluationService evaluation, CancellationToken cancellationToken)
    {
        var organization = access.Organization(context.Caller(), org);
        var yaml = await RequestBody.ReadTextAsync(context, evaluation.Limits.MaxDocumentBytes);
        var showSecrets = context.QueryBool("showSecrets");
        var evaluated = await evaluation.EvaluateAsync(context.Caller(), organization, "<yaml>", yaml, EvaluationMode.Check, NoDecrypter.Instance, showSecrets, cancellationToken);
        if (evaluated.HasErrors)
        {
            throw ApiError.InvalidDefinition(evaluated.Diagnostics);
        }
        return Responses.RawJson(Environment(evaluated, showSecrets ? ValueRendering.Revealed : ValueRendering.Redacted));
    }

    private static async Task<IResult> OpenYamlAsync(string org, HttpContext context, EnvironmentAccess access, EvaluationService evaluation, OpenSessionService sessions, CancellationToken cancellationToken)
    {
        var duration = Duration(context);
        var organization = access.Organization(context.Caller(), org);
        var yaml = await RequestBody.ReadTextAsync(context, evaluation.Limits.MaxDocumentBytes);
        var evaluated = await evaluation.EvaluateAsync(context.Caller(), organization, "<yaml>", yaml, EvaluationMode.Open, NoDecrypter.Instance, false, cancellationToken);
        return await StoreSessionAsync(YamlSessionOwner(organization), 0, evaluated, duration, sessions, cancellationToken);
    }

    private static async Task<IResult> ReadYamlSessionAsync(string org, string id, HttpContext context, EnvironmentAccess access, OpenSessionService sessions, CancellationToken cancellationToken)
    {
        var organization = access.Organization(context.Caller(), org);
        return Session(await sessions.ReadAsync(id, YamlSessionOwner(organization), cancellationToken), context.QueryString("property"));
    }

    private static async Task<IResult> StoreSessionAsync(string ownerId, int revision, Evaluation evaluated, TimeSpan duration, OpenSessionService sessions, CancellationToken cancellationToken)
    {
        if (evaluated.HasErrors)
        {
            throw ApiError.InvalidDefinition(evaluated.Diagnostics);
        }
        var json = evaluated.Result is null ? "{}"u8.ToArray() : EnvironmentJson.Write(evaluated.Result, ValueRendering.Revealed);
        var id = await sessions.CreateAsync(ownerId, revision, json, duration, cancellationToken);
        return Results.Ok(new OpenResponse(id));
    }

    private static byte[] Environment(Evaluation evaluated, ValueRendering rendering) =>
        evaluated.Result is null ? "{}"u8.ToArray() : EnvironmentJson.Write(evaluated.Result, rendering, evaluated.Definition);

    /// <summary>The whole session, or the Value at <paramref name="property"/> (a property path such as <c>a.b[0]</c>).</summary>
    private static IResult Session(byte[] json, string? property)
    {
        if (property is null)
        {
            return Responses.RawJson(json);
        }
        if (!PropertyPath.TryParse(property, out var path, out var error))
        {
            throw ApiError.BadRequest($"invalid property path: {error}");
        }
        // The first segment names a top-level property; later ones step into each Value's "value".
        var current = JsonNode.Parse(json)?["properties"];
        var top = true;
        foreach (var segment in path.Segments)
        {
            var container = top ? current : current?["value"];
            top = false;
            current = (segment, container) switch
            {
                (string key, JsonObject obj) => obj[key],
                (int index, JsonArray array) when index >= 0 && index < array.Count => array[index],
                _ => null,
            };
            if (current is null)
            {
                throw ApiError.NotFound($"property {property} not found");
            }
        }
        return Responses.RawJson(System.Text.Encoding.UTF8.GetBytes(current!.ToJsonString()));
    }

    private static TimeSpan Duration(HttpContext context)
    {
        var text = context.QueryString("duration");
        if (text is null)
        {
            return OpenSessionService.DefaultDuration;
        }
        if (!GoDuration.TryParse(text, out var duration) || duration <= TimeSpan.Zero)
        {
            throw ApiError.BadRequest($"invalid duration \"{text}\": use a Go duration such as 2h, 1h30m or 15m");
        }
        if (duration > OpenSessionService.MaxDuration)
        {
            throw ApiError.BadRequest($"the duration may be at most {OpenSessionService.MaxDuration.TotalHours:0}h");
        }
        return duration;
    }

    private static string YamlSessionOwner(Organization organization) => "yaml:" + organization.Id;

    /// <summary>A YAML document that is not stored has no environment key, so its ciphertexts cannot be decrypted.</summary>
    private sealed class NoDecrypter : ISecretDecrypter
    {
        public static readonly NoDecrypter Instance = new();

        public ValueTask<byte[]> DecryptAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a ciphertext can only be decrypted in the environment it was encrypted for; import that environment instead");
    }
}
