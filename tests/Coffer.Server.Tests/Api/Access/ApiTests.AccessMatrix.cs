using System.Net;
using Coffer.Server.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    /// <summary>What an endpoint needs. Environment permissions are the levels; the rest are who may call it at all.</summary>
    public enum Needs
    {
        /// <summary>No token at all: health checks and OIDC discovery.</summary>
        Public,

        /// <summary>Not implemented yet: 501 for any caller.</summary>
        Planned,

        /// <summary>Answers 404 for every path no other endpoint matches.</summary>
        Fallback,

        /// <summary>Any member of the organization (or any caller, for endpoints about the caller).</summary>
        Member,

        /// <summary>An organization administrator: grants on environments never give it.</summary>
        OrganizationAdmin,
        Read,
        Open,
        Write,
        Admin,
    }

    private sealed record EndpointRule(Needs Needs, Func<MatrixCase, HttpContent?>? Body = null);

    /// <summary>
    /// Every endpoint the server maps, with what it needs. An endpoint that is mapped but missing
    /// here fails <see cref="Every_endpoint_allows_exactly_the_callers_its_rule_says"/>, so a new
    /// endpoint cannot ship without deciding who may call it.
    /// </summary>
    private static readonly Dictionary<string, EndpointRule> EndpointRules = new(StringComparer.Ordinal)
    {
        ["GET /healthz"] = new(Needs.Public),
        ["GET /readyz"] = new(Needs.Public),
        ["GET /oidc/.well-known/openid-configuration"] = new(Needs.Public),
        ["GET /oidc/.well-known/jwks"] = new(Needs.Public),
        ["GET /openapi/{documentName}.json"] = new(Needs.Member),
        ["* /{**path}"] = new(Needs.Fallback),

        ["GET /api/user"] = new(Needs.Member),
        ["GET /api/user/organizations/default"] = new(Needs.Member),
        ["POST /api/sign-in"] = new(Needs.Public, c => Json(new { login = c.MemberLogin, password = MatrixPassword, organization = c.Path("{org}") })),
        ["PUT /api/user/password"] = new(Needs.Member, _ => Json(new { currentPassword = MatrixPassword, newPassword = MatrixPassword })),
        ["GET /api/user/tokens"] = new(Needs.Member),
        ["POST /api/user/tokens"] = new(Needs.Member, c => Json(new { name = c.Fresh("t") })),
        ["DELETE /api/user/tokens/{id}"] = new(Needs.Member),

        ["GET /api/esc/environments"] = new(Needs.Member),
        ["GET /api/esc/environments/{org}"] = new(Needs.Member),
        ["POST /api/esc/environments/{org}"] = new(Needs.Member, c => Json(new { project = "app", name = c.Fresh("e") })),
        ["POST /api/esc/environments/{org}/yaml/check"] = new(Needs.Member, _ => Yaml("values:\n  a: 1\n")),
        ["POST /api/esc/environments/{org}/yaml/open"] = new(Needs.Member, _ => Yaml("values:\n  a: 1\n")),
        ["GET /api/esc/environments/{org}/yaml/open/{id}"] = new(Needs.Member),

        ["GET /api/esc/environments/{org}/{project}/{env}"] = new(Needs.Read),
        ["HEAD /api/esc/environments/{org}/{project}/{env}"] = new(Needs.Read),
        ["GET /api/esc/environments/{org}/{project}/{env}/decrypt"] = new(Needs.Open),
        ["PATCH /api/esc/environments/{org}/{project}/{env}"] = new(Needs.Write, _ => Yaml("values:\n  a: 2\n")),
        ["DELETE /api/esc/environments/{org}/{project}/{env}"] = new(Needs.Admin),
        ["POST /api/esc/environments/{org}/{project}/{env}/clone"] = new(Needs.Open, c => Json(new { name = c.Fresh("e") })),
        ["GET /api/esc/environments/{org}/{project}/{env}/versions"] = new(Needs.Read),
        ["GET /api/esc/environments/{org}/{project}/{env}/versions/{version}"] = new(Needs.Read),
        ["GET /api/esc/environments/{org}/{project}/{env}/versions/{version}/decrypt"] = new(Needs.Open),
        ["POST /api/esc/environments/{org}/{project}/{env}/versions/{version}/retract"] = new(Needs.Write),
        ["POST /api/esc/environments/{org}/{project}/{env}/open"] = new(Needs.Open),
        ["POST /api/esc/environments/{org}/{project}/{env}/versions/{version}/open"] = new(Needs.Open),
        ["GET /api/esc/environments/{org}/{project}/{env}/open/{id}"] = new(Needs.Open),
        ["GET /api/esc/environments/{org}/{project}/{env}/versions/tags"] = new(Needs.Read),
        ["POST /api/esc/environments/{org}/{project}/{env}/versions/tags"] = new(Needs.Write, c => Json(new { name = c.Fresh("r"), revision = 2 })),
        ["GET /api/esc/environments/{org}/{project}/{env}/versions/tags/{tag}"] = new(Needs.Read),
        ["PATCH /api/esc/environments/{org}/{project}/{env}/versions/tags/{tag}"] = new(Needs.Write, _ => Json(new { revision = 3 })),
        ["DELETE /api/esc/environments/{org}/{project}/{env}/versions/tags/{tag}"] = new(Needs.Write),
        ["GET /api/esc/environments/{org}/{project}/{env}/tags"] = new(Needs.Read),
        ["POST /api/esc/environments/{org}/{project}/{env}/tags"] = new(Needs.Write, c => Json(new { name = c.Fresh("t"), value = "v" })),
        ["GET /api/esc/environments/{org}/{project}/{env}/tags/{name}"] = new(Needs.Read),
        ["PATCH /api/esc/environments/{org}/{project}/{env}/tags/{name}"] = new(Needs.Write,
            _ => Json(new { currentTag = new { name = "owner", value = "x" }, newTag = new { name = "owner", value = "y" } })),
        ["DELETE /api/esc/environments/{org}/{project}/{env}/tags/{name}"] = new(Needs.Write),
        ["GET /api/esc/environments/{org}/{project}/{env}/settings"] = new(Needs.Read),
        ["PATCH /api/esc/environments/{org}/{project}/{env}/settings"] = new(Needs.Admin, _ => Json(new { deletionProtected = false })),
        ["GET /api/esc/environments/{org}/{project}/{env}/referrers"] = new(Needs.Read),
        ["POST /api/esc/environments/{org}/{project}/{env}/rotate"] = new(Needs.Write, _ => Json(new { paths = Array.Empty<string>() })),

        ["* /api/esc/environments/{org}/{project}/{env}/drafts/{**rest}"] = new(Needs.Planned),
        ["* /api/esc/environments/{org}/{project}/{env}/drafts"] = new(Needs.Planned),
        ["* /api/esc/environments/{org}/{project}/{env}/hooks/{**rest}"] = new(Needs.Planned),
        ["* /api/esc/environments/{org}/{project}/{env}/hooks"] = new(Needs.Planned),
        ["* /api/esc/environments/{org}/{project}/{env}/schedules/{**rest}"] = new(Needs.Planned),
        ["* /api/esc/environments/{org}/{project}/{env}/schedules"] = new(Needs.Planned),
        ["POST /api/esc/environments/{org}/{project}/{env}/open/request"] = new(Needs.Planned),
        ["* /api/change-requests/{**rest}"] = new(Needs.Planned),
        ["POST /api/oauth/token"] = new(Needs.Planned),

        ["GET /api/orgs/{org}/members"] = new(Needs.OrganizationAdmin),
        ["POST /api/orgs/{org}/members"] = new(Needs.OrganizationAdmin, c => Json(new { login = c.MemberLogin, role = "member" })),
        ["PATCH /api/orgs/{org}/members/{login}"] = new(Needs.OrganizationAdmin, _ => Json(new { role = "admin" })),
        ["DELETE /api/orgs/{org}/members/{login}"] = new(Needs.OrganizationAdmin),
        ["PUT /api/orgs/{org}/members/{login}/password"] = new(Needs.OrganizationAdmin, _ => Json(new { password = "a first password for the member" })),
        ["POST /api/orgs/{org}/users"] = new(Needs.OrganizationAdmin, c => Json(new { login = c.Fresh("u") })),
        ["GET /api/orgs/{org}/teams"] = new(Needs.OrganizationAdmin),
        ["POST /api/orgs/{org}/teams"] = new(Needs.OrganizationAdmin, c => Json(new { name = c.Fresh("team") })),
        ["GET /api/orgs/{org}/teams/{team}"] = new(Needs.OrganizationAdmin),
        ["PATCH /api/orgs/{org}/teams/{team}"] = new(Needs.OrganizationAdmin, _ => Json(new { description = "d" })),
        ["DELETE /api/orgs/{org}/teams/{team}"] = new(Needs.OrganizationAdmin),
        ["PUT /api/orgs/{org}/teams/{team}/members/{login}"] = new(Needs.OrganizationAdmin),
        ["DELETE /api/orgs/{org}/teams/{team}/members/{login}"] = new(Needs.OrganizationAdmin),
        ["GET /api/orgs/{org}/grants/{project}/{env}"] = new(Needs.OrganizationAdmin),
        ["PUT /api/orgs/{org}/grants/{project}/{env}/{subjectKind}/{subject}"] = new(Needs.OrganizationAdmin, _ => Json(new { permission = "open" })),
        ["DELETE /api/orgs/{org}/grants/{project}/{env}/{subjectKind}/{subject}"] = new(Needs.OrganizationAdmin),
        ["GET /api/orgs/{org}/settings"] = new(Needs.OrganizationAdmin),
        ["PATCH /api/orgs/{org}/settings"] = new(Needs.OrganizationAdmin, _ => Json(new { defaultPermission = "none" })),
        ["GET /api/orgs/{org}/tokens"] = new(Needs.OrganizationAdmin),
        ["POST /api/orgs/{org}/tokens"] = new(Needs.OrganizationAdmin, c => Json(new { name = c.Fresh("t") })),
        ["DELETE /api/orgs/{org}/tokens/{id}"] = new(Needs.OrganizationAdmin),
        ["GET /api/orgs/{org}/teams/{team}/tokens"] = new(Needs.OrganizationAdmin),
        ["POST /api/orgs/{org}/teams/{team}/tokens"] = new(Needs.OrganizationAdmin, c => Json(new { name = c.Fresh("t") })),
        ["DELETE /api/orgs/{org}/teams/{team}/tokens/{id}"] = new(Needs.OrganizationAdmin),
        ["GET /api/orgs/{org}/audit"] = new(Needs.OrganizationAdmin),
        ["GET /api/orgs/{org}/audit/export"] = new(Needs.OrganizationAdmin),
        ["GET /api/orgs/{org}/audit/verify"] = new(Needs.OrganizationAdmin),
    };

    private static readonly string[] Levels = ["none", "read", "open", "write", "admin"];

    // The caller's password, so that signing in (public, but only with the right password) succeeds.
    private const string MatrixPassword = "the matrix caller's password";

    [DatabaseFact]
    public async Task Every_endpoint_allows_exactly_the_callers_its_rule_says()
    {
        var endpoints = MappedEndpoints();
        var missing = endpoints.Select(e => e.Key).Where(k => !EndpointRules.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "endpoints without a rule in the access matrix: " + string.Join(", ", missing));
        var stale = EndpointRules.Keys.Except(endpoints.Select(e => e.Key)).ToList();
        Assert.True(stale.Count == 0, "rules for endpoints the server does not map: " + string.Join(", ", stale));

        var failures = new List<string>();
        foreach (var level in Levels)
        {
            var (admin, org) = await NewOrganizationMemberAsync();
            await SetSettingsAsync(admin, org, new { defaultPermission = "none" });
            var login = Unique("caller");
            var caller = await NewUserAsync(admin, org, login);
            await admin.PutAsync($"api/orgs/{org}/members/{login}/password", Json(new { password = MatrixPassword })).ShouldBe(HttpStatusCode.NoContent);
            foreach (var (key, method, pattern) in endpoints)
            {
                var rule = EndpointRules[key];
                var matrixCase = await MatrixCase.PrepareAsync(admin, caller, org, login, level, rule.Needs);
                var path = matrixCase.Path(pattern);
                var expected = Expected(rule.Needs, level);
                var response = await Send(rule.Needs == Needs.Public ? Server.Anonymous : caller, method, path, rule.Body?.Invoke(matrixCase));
                if (!Matches(expected, response.StatusCode))
                {
                    failures.Add($"{key} as {level}: expected {expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                if (rule.Needs == Needs.OrganizationAdmin)
                {
                    var asAdmin = await Send(admin, method, path, rule.Body?.Invoke(matrixCase));
                    if (!Matches("success", asAdmin.StatusCode))
                    {
                        failures.Add($"{key} as organization admin: expected success, got {(int)asAdmin.StatusCode} {await asAdmin.Content.ReadAsStringAsync()}");
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private List<(string Key, string Method, string Pattern)> MappedEndpoints()
    {
        var result = new List<(string, string, string)>();
        foreach (var endpoint in Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            pattern = pattern.StartsWith('/') ? pattern : "/" + pattern;
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            if (methods.Count is 0 or > 1)
            {
                // Planned endpoints answer every method alike, and the fallback no method in particular.
                foreach (var method in methods.Count == 0 ? ["GET"] : methods)
                {
                    result.Add(($"* {pattern}", method, pattern));
                }
            }
            else
            {
                result.Add(($"{methods[0]} {pattern}", methods[0], pattern));
            }
        }
        return result;
    }

    private static string Expected(Needs needs, string level) => needs switch
    {
        Needs.Public or Needs.Member => "success",
        Needs.Planned => "501",
        Needs.Fallback => "404",
        Needs.OrganizationAdmin => "403",
        _ when Array.IndexOf(Levels, level) == 0 => "404",
        _ when Array.IndexOf(Levels, level) < (int)needs - (int)Needs.Read + 1 => "403",
        _ => "success",
    };

    private static bool Matches(string expected, HttpStatusCode status) =>
        expected == "success" ? (int)status < 400 : ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) == expected;

    private static Task<HttpResponseMessage> Send(HttpClient client, string method, string path, HttpContent? body) =>
        client.SendAsync(new HttpMethod(method), path, body);

    /// <summary>What one request of the matrix works on: a fresh environment, team, member and tokens of the organization.</summary>
    private sealed class MatrixCase
    {
        private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

        public required string MemberLogin { get; init; }

        public string Fresh(string prefix) => Unique(prefix);

        public static async Task<MatrixCase> PrepareAsync(HttpClient admin, HttpClient caller, string org, string login, string level, Needs needs)
        {
            var matrixCase = new MatrixCase { MemberLogin = login };
            var values = matrixCase._values;
            values["org"] = org;
            values["project"] = "app";
            values["rest"] = "x";
            values["path"] = Unique("nowhere");
            if (needs is Needs.Public or Needs.Planned or Needs.Fallback)
            {
                return matrixCase;
            }
            var env = Unique("env");
            values["env"] = env;
            var path = $"api/esc/environments/{org}/app/{env}";
            await CreateEnvironmentAsync(admin, org, "app", env);
            await admin.PatchAsync(path, Yaml("values:\n  a: 1\n")).ShouldBe(HttpStatusCode.OK);
            await admin.PatchAsync(path, Yaml("values:\n  a: 2\n")).ShouldBe(HttpStatusCode.OK);
            await admin.PostAsync($"{path}/versions/tags", Json(new { name = "stable", revision = 2 })).ShouldBe(HttpStatusCode.NoContent);
            (await admin.PostAsync($"{path}/tags", Json(new { name = "owner", value = "x" }))).EnsureSuccessStatusCode();
            values["version"] = "2";
            values["tag"] = "stable";
            values["name"] = "owner";
            if (level != "none")
            {
                await GrantAsync(admin, org, $"app/{env}", $"users/{login}", level);
            }
            if (needs is Needs.Open)
            {
                values["id"] = (string)(await admin.PostAsync($"{path}/open", null).JsonAsync())["id"]!;
            }
            else if (needs is Needs.Member)
            {
                values["id"] = (string)(await caller.PostAsync("api/user/tokens", Json(new { name = Unique("t") })).JsonAsync())["tokenInfo"]!["id"]!;
                values["yamlSession"] = (string)(await caller.PostAsync($"api/esc/environments/{org}/yaml/open", Yaml("values:\n  a: 1\n")).JsonAsync())["id"]!;
            }
            else if (needs is Needs.OrganizationAdmin)
            {
                var team = Unique("team");
                values["team"] = team;
                await NewTeamAsync(admin, org, team);
                var member = Unique("m");
                await admin.PostAsync($"api/orgs/{org}/users", Json(new { login = member })).ShouldBe(HttpStatusCode.OK);
                await admin.PutAsync($"api/orgs/{org}/teams/{team}/members/{member}", null).ShouldBe(HttpStatusCode.NoContent);
                await GrantAsync(admin, org, $"app/{env}", $"users/{member}", "read");
                values["login"] = member;
                values["subjectKind"] = "users";
                values["subject"] = member;
                values["orgToken"] = (string)(await admin.PostAsync($"api/orgs/{org}/tokens", Json(new { name = Unique("t") })).JsonAsync())["tokenInfo"]!["id"]!;
                values["teamToken"] = (string)(await admin.PostAsync($"api/orgs/{org}/teams/{team}/tokens", Json(new { name = Unique("t") })).JsonAsync())["tokenInfo"]!["id"]!;
            }
            return matrixCase;
        }

        /// <summary>The route pattern with its parameters filled in.</summary>
        public string Path(string pattern)
        {
            var path = pattern;
            if (pattern.Contains("/yaml/open/{id}", StringComparison.Ordinal))
            {
                path = path.Replace("{id}", _values.GetValueOrDefault("yamlSession", "x"), StringComparison.Ordinal);
            }
            else if (pattern.Contains("/teams/{team}/tokens/{id}", StringComparison.Ordinal))
            {
                path = path.Replace("{id}", _values["teamToken"], StringComparison.Ordinal);
            }
            else if (pattern.Contains("/api/orgs/{org}/tokens/{id}", StringComparison.Ordinal))
            {
                path = path.Replace("{id}", _values["orgToken"], StringComparison.Ordinal);
            }
            foreach (var (name, value) in _values)
            {
                path = path.Replace("{**" + name + "}", value, StringComparison.Ordinal).Replace("{" + name + "}", value, StringComparison.Ordinal);
            }
            path = path.Replace("{documentName}", "v1", StringComparison.Ordinal);
            return path.TrimStart('/');
        }
    }
}
