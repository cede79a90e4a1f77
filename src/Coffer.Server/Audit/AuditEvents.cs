using System.Text.Json;
using Coffer.Server.Auth;
using Coffer.Server.Storage;

namespace Coffer.Server.Audit;

/// <summary>Builds audit events from requests: who (actor and token), from where (address and user agent) and when.</summary>
public static class AuditEvents
{
    private const int MaxUserAgentLength = 256;

    /// <summary>
    /// An event of <paramref name="http"/>'s request in organization <paramref name="organizationId"/>.
    /// The actor is the authenticated caller unless <paramref name="actor"/> names one (a sign-in
    /// that failed has no caller yet, but a login it was attempted for).
    /// </summary>
    public static AuditEvent ForRequest(
        HttpContext http,
        string organizationId,
        string action,
        string outcome,
        string project = "",
        string environment = "",
        int? revision = null,
        string details = "{}",
        string? actor = null)
    {
        var caller = http.Features.Get<Caller>();
        var clock = http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        var userAgent = http.Request.Headers.UserAgent.ToString();
        return new AuditEvent(
            clock.GetUtcNow(),
            organizationId,
            actor ?? (caller is null ? "" : Actor(caller)),
            caller?.Token.Id ?? "",
            http.Connection.RemoteIpAddress?.ToString() ?? "",
            userAgent.Length > MaxUserAgentLength ? userAgent[..MaxUserAgentLength] : userAgent,
            action,
            project,
            environment,
            revision,
            outcome,
            details);
    }

    /// <summary>
    /// The user's login, or for a token that acts as no user (organization and team tokens) its kind
    /// and name, such as <c>team-token:ci</c>.
    /// </summary>
    public static string Actor(Caller caller) =>
        caller.User?.Login ?? $"{caller.Token.Kind.ToString().ToLowerInvariant()}-token:{caller.Token.Name}";

    /// <summary>
    /// The id of the organization a request named (in its path) although the caller does not belong
    /// to it, so the probe leaves a trace there; null when no such organization exists. The name is
    /// only looked up when it could be one.
    /// </summary>
    public static async Task<string?> NamedOrganizationIdAsync(ICofferStore store, string name) =>
        name.Length is > 0 and <= 100 && !name.Contains('\0', StringComparison.Ordinal)
            ? (await store.FindOrganizationAsync(name, CancellationToken.None))?.Id
            : null;

    /// <summary>A details object from name/value pairs (strings and numbers only; never pass a secret).</summary>
    public static string Details(params (string Name, object? Value)[] facts)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in facts)
            {
                switch (value)
                {
                    case null:
                        continue;
                    case int number:
                        writer.WriteNumber(name, number);
                        break;
                    case long number:
                        writer.WriteNumber(name, number);
                        break;
                    case bool flag:
                        writer.WriteBoolean(name, flag);
                        break;
                    default:
                        writer.WriteString(name, value.ToString());
                        break;
                }
            }
            writer.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
