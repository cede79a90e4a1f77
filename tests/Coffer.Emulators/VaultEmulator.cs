using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Coffer.Emulators;

/// <summary>
/// A Vault server's HTTP API on loopback, as far as Coffer's providers use it: JWT auth mounts
/// (keys fetched over HTTP through the issuer's discovery document, roles with bound audiences,
/// subject and claims), <c>auth/token/create</c>, KV v1 and v2 mounts, ACL policies and
/// namespaces (<c>X-Vault-Namespace</c>). Errors are Vault's: <c>{"errors": [...]}</c> with
/// Vault's status codes and texts, so a bad or missing token is 403 <c>permission denied</c>.
/// </summary>
public sealed partial class VaultEmulator : IAsyncDisposable
{
    private readonly LoopbackServer _server;
    private readonly ConcurrentDictionary<string, VaultNamespace> _namespaces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private int _totalRequests;

    private VaultEmulator(LoopbackServer server)
    {
        _server = server;
        RootToken = Tokens.Issue("", [VaultPolicy.Root], TimeSpan.FromDays(365), "root").Value;
    }

    /// <summary>The address environments name (<c>http://127.0.0.1:&lt;port&gt;</c>).</summary>
    public string Address => _server.BaseAddress.ToString().TrimEnd('/');

    /// <summary>A root token of the root namespace, for setting things up.</summary>
    public string RootToken { get; }

    public VaultTokenStore Tokens { get; } = new();

    /// <summary>Throttling (429), 5xx answers and slow answers for one path (namespace-qualified, no <c>/v1/</c>).</summary>
    public ServiceFaults Faults { get; } = new();

    /// <summary>A delay added to every answer, as a distant or busy Vault would show.</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Every request that arrived.</summary>
    public int TotalRequests => Volatile.Read(ref _totalRequests);

    /// <summary>The requests for one path (namespace-qualified, without <c>/v1/</c>), whatever their outcome.</summary>
    public int Requests(string path) => _requests.GetValueOrDefault(path);

    public static async Task<VaultEmulator> StartAsync()
    {
        VaultEmulator? emulator = null;
        var server = await LoopbackServer.StartAsync(app =>
            app.MapMethods("/v1/{**path}", ["GET", "POST", "PUT"], (Delegate)((HttpContext context, string path) => emulator!.HandleAsync(context, path))));
        emulator = new VaultEmulator(server);
        return emulator;
    }

    /// <summary>Adds (or replaces) an ACL policy in a namespace.</summary>
    public void AddPolicy(string name, IReadOnlyDictionary<string, string[]> rules, string ns = "") => Namespace(ns).Policies[name] = new VaultPolicy(rules);

    /// <summary>Issues a token with these policies in a namespace, as <c>vault token create</c> by an operator.</summary>
    public string CreateToken(IEnumerable<string> policies, TimeSpan ttl, string ns = "") => Tokens.Issue(ns, policies, ttl, "token").Value;

    private VaultNamespace Namespace(string ns) => _namespaces.GetOrAdd(ns.Trim('/'), _ => new VaultNamespace());

    private async Task<IResult> HandleAsync(HttpContext context, string path)
    {
        Interlocked.Increment(ref _totalRequests);
        var ns = context.Request.Headers["X-Vault-Namespace"].ToString().Trim('/');
        path = path.Trim('/');
        var qualified = ns.Length == 0 ? path : $"{ns}/{path}";
        _requests.AddOrUpdate(qualified, 1, (_, n) => n + 1);
        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay, context.RequestAborted);
        }
        switch (await Faults.ApplyAsync(qualified, context.RequestAborted))
        {
            case "ThrottlingException":
                return Errors(429, $"request path \"{path}\": rate limit quota exceeded");
            case "InternalServiceError":
                return Errors(500, "internal error");
        }
        if (!_namespaces.TryGetValue(ns, out var space) && ns.Length != 0)
        {
            return Errors(400, $"no namespace found at {ns}");
        }
        space ??= Namespace("");

        var method = context.Request.Method;
        if (method != "GET" && TryJwtMount(space, path, out var mount))
        {
            return await JwtLoginAsync(context, ns, mount, context.RequestAborted);
        }
        var token = Tokens.Find(context.Request.Headers["X-Vault-Token"].ToString());
        if (token is null || token.Namespace != ns)
        {
            return Errors(403, "permission denied");
        }
        var policies = token.Policies.Contains(VaultPolicy.Root)
            ? [new VaultPolicy(new Dictionary<string, string[]> { ["*"] = ["read", "create", "update", "list", "sudo"] })]
            : token.Policies.Select(p => space.Policies.GetValueOrDefault(p)).OfType<VaultPolicy>().ToList();
        if (path == "auth/token/create" && method != "GET")
        {
            return VaultPolicy.Allows(policies, path, "create", "update")
                ? await CreateChildTokenAsync(context, token)
                : Errors(403, "permission denied");
        }
        if (method != "GET")
        {
            return Errors(405, "unsupported operation");
        }
        if (!VaultPolicy.Allows(policies, path, "read"))
        {
            return Errors(403, "permission denied");
        }
        return ReadKv(space, path, context.Request.Query["version"].ToString());
    }

    /// <summary>Vault's error body.</summary>
    private static IResult Errors(int status, params string[] errors) => Results.Json(new Dictionary<string, object> { ["errors"] = errors }, statusCode: status);

    /// <summary>Vault's success envelope.</summary>
    private static IResult Success(object? data, object? auth = null, int leaseDuration = 0, string[]? warnings = null) => Results.Json(new Dictionary<string, object?>
    {
        ["request_id"] = Guid.NewGuid().ToString(),
        ["lease_id"] = "",
        ["renewable"] = false,
        ["lease_duration"] = leaseDuration,
        ["data"] = data,
        ["wrap_info"] = null,
        ["warnings"] = warnings,
        ["auth"] = auth,
    });

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    /// <summary>What one namespace holds.</summary>
    private sealed class VaultNamespace
    {
        public ConcurrentDictionary<string, VaultPolicy> Policies { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, JwtAuthMount> JwtMounts { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, KvMount> KvMounts { get; } = new(StringComparer.Ordinal);
    }
}
