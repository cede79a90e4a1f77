using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Coffer.Emulators;

/// <summary>
/// IAM Service Account Credentials <c>generateAccessToken</c>: the caller's token (federated or a
/// user's) must be live and its principal granted <c>roles/iam.workloadIdentityUser</c> or
/// <c>roles/iam.serviceAccountTokenCreator</c> on the service account; lifetimes above an hour are
/// refused unless the organization allows them. Issued tokens speak for <c>serviceAccount:&lt;email&gt;</c>.
/// </summary>
public sealed class IamCredentialsEmulator : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, ServiceAccount> _accounts = new(StringComparer.Ordinal);
    private readonly LoopbackServer _server;

    private IamCredentialsEmulator(LoopbackServer server, AccessTokenStore tokens)
    {
        _server = server;
        Tokens = tokens;
    }

    /// <summary>A service account and the principals that may impersonate it (exact, or a prefix ending in <c>*</c>).</summary>
    public sealed record ServiceAccount(string Email, IReadOnlyList<string> Impersonators, bool AllowExtendedLifetime = false);

    public sealed record Generated(string ServiceAccount, string Caller, int LifetimeSeconds, string Token);

    public Uri Endpoint => _server.BaseAddress;

    public AccessTokenStore Tokens { get; }

    public ConcurrentQueue<Generated> Issued { get; } = new();

    public static async Task<IamCredentialsEmulator> StartAsync(AccessTokenStore tokens)
    {
        IamCredentialsEmulator? emulator = null;
        var server = await LoopbackServer.StartAsync(app => app.MapPost("/v1/projects/-/serviceAccounts/{account}", (Delegate)((HttpContext context) => emulator!.GenerateAsync(context))));
        emulator = new IamCredentialsEmulator(server, tokens);
        return emulator;
    }

    public void AddServiceAccount(ServiceAccount account) => _accounts[account.Email] = account;

    private async Task<IResult> GenerateAsync(HttpContext context)
    {
        var segment = (string)context.Request.RouteValues["account"]!;
        if (!segment.EndsWith(":generateAccessToken", StringComparison.Ordinal))
        {
            return GoogleErrors.Rest(404, "NOT_FOUND", "Method not found.");
        }
        var email = segment[..^":generateAccessToken".Length];
        var caller = Tokens.Find(GoogleErrors.Bearer(context));
        if (caller is null)
        {
            return GoogleErrors.Unauthenticated();
        }
        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted)).RootElement;
        }
        catch (JsonException)
        {
            return GoogleErrors.Rest(400, "INVALID_ARGUMENT", "Invalid JSON payload received.");
        }
        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("scope", out var scopes) || scopes.ValueKind != JsonValueKind.Array || scopes.GetArrayLength() == 0)
        {
            return GoogleErrors.Rest(400, "INVALID_ARGUMENT", "Scope required.");
        }
        var lifetime = 3600;
        if (body.TryGetProperty("lifetime", out var requested))
        {
            var text = requested.GetString() ?? "";
            if (!text.EndsWith('s') || !int.TryParse(text[..^1], System.Globalization.CultureInfo.InvariantCulture, out lifetime) || lifetime < 1)
            {
                return GoogleErrors.Rest(400, "INVALID_ARGUMENT", $"Invalid value at 'lifetime' (type.googleapis.com/google.protobuf.Duration), Field 'lifetime', Illegal duration format; duration must end with 's'");
            }
        }
        // Existence is not revealed: an unknown account and a refused caller get the same answer.
        if (!_accounts.TryGetValue(email, out var account) || !account.Impersonators.Any(p => p == caller.Principal || (p.EndsWith('*') && caller.Principal.StartsWith(p[..^1], StringComparison.Ordinal))))
        {
            return GoogleErrors.Rest(403, "PERMISSION_DENIED", "Permission 'iam.serviceAccounts.getAccessToken' denied on resource (or it may not exist).");
        }
        if (lifetime > (account.AllowExtendedLifetime ? 43200 : 3600))
        {
            return GoogleErrors.Rest(400, "INVALID_ARGUMENT", $"The lifetime requested for the token ({lifetime}s) exceeds the maximum of 3600s allowed for the service account.");
        }
        var expires = DateTimeOffset.UtcNow.AddSeconds(lifetime);
        var token = Tokens.Issue("ya29.", new AccessTokenStore.Grant("serviceAccount:" + email, "https://www.googleapis.com/auth/cloud-platform", "", expires));
        Issued.Enqueue(new Generated(email, caller.Principal, lifetime, token));
        return Results.Json(new Dictionary<string, object> { ["accessToken"] = token, ["expireTime"] = expires.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) });
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
