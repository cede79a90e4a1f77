using System.Net;
using Coffer.Server.Passwords;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    private const string JanesPassword = "correct horse battery staple";

    /// <summary>A new member of a new organization whose administrator set their first password; returns the admin, the organization and the login.</summary>
    private async Task<(HttpClient Admin, string Organization, string Login)> NewMemberWithPasswordAsync(string password = JanesPassword)
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        var login = Unique("jane");
        await NewUserAsync(admin, org, login);
        await admin.PutAsync($"api/orgs/{org}/members/{login}/password", Json(new { password })).ShouldBe(HttpStatusCode.NoContent);
        return (admin, org, login);
    }

    private Task<HttpResponseMessage> SignInAsync(string login, string password, string organization) =>
        Server.Anonymous.PostAsync("api/sign-in", Json(new { login, password, organization }));

    [DatabaseFact]
    public async Task Signing_in_gives_a_short_lived_token_that_acts_as_the_user_in_that_organization()
    {
        var (_, org, login) = await NewMemberWithPasswordAsync();

        var signedIn = await SignInAsync(login, JanesPassword, org).JsonAsync();

        Assert.Equal(["login", "organization", "token", "tokenInfo"], signedIn.Keys());
        Assert.StartsWith("cof_", (string)signedIn["token"]!, StringComparison.Ordinal);
        var lifetime = (long)signedIn["tokenInfo"]!["expires"]! - (long)signedIn["tokenInfo"]!["created"]!;
        Assert.Equal((long)TimeSpan.FromHours(8).TotalSeconds, lifetime);
        var user = await Server.NewClient((string)signedIn["token"]!).GetAsync("api/user").JsonAsync();
        Assert.Equal(login, (string)user["githubLogin"]!);
        Assert.Equal([org], user["organizations"]!.AsArray().Select(o => (string)o!["name"]!));
    }

    [DatabaseFact]
    public async Task A_sign_in_token_stops_working_when_it_expires()
    {
        var (_, org, login) = await NewMemberWithPasswordAsync();
        var client = Server.NewClient((string)(await SignInAsync(login, JanesPassword, org).JsonAsync())["token"]!);
        await client.GetAsync("api/user").ShouldBe(HttpStatusCode.OK);

        Server.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));

        await client.GetAsync("api/user").ErrorAsync(HttpStatusCode.Unauthorized);
    }

    [DatabaseFact]
    public async Task Wrong_password_unknown_login_no_password_and_a_foreign_organization_get_the_same_401()
    {
        var (admin, org, login) = await NewMemberWithPasswordAsync();
        var withoutPassword = Unique("nopass");
        await NewUserAsync(admin, org, withoutPassword);
        var (_, foreign) = await NewOrganizationMemberAsync();

        var messages = new[]
        {
            await SignInAsync(login, "not the password at all", org).ErrorAsync(HttpStatusCode.Unauthorized),
            await SignInAsync(Unique("nobody"), JanesPassword, org).ErrorAsync(HttpStatusCode.Unauthorized),
            await SignInAsync(withoutPassword, JanesPassword, org).ErrorAsync(HttpStatusCode.Unauthorized),
            await SignInAsync(login, JanesPassword, foreign).ErrorAsync(HttpStatusCode.Unauthorized),
            await SignInAsync(login, JanesPassword, Unique("no-such-org")).ErrorAsync(HttpStatusCode.Unauthorized),
        };

        Assert.Single(messages.Distinct());
        Assert.DoesNotContain(JanesPassword, messages[0], StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task An_unknown_login_costs_about_as_much_time_as_a_wrong_password()
    {
        var (_, org, login) = await NewMemberWithPasswordAsync();
        async Task<TimeSpan> TimeAsync(string who)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            await SignInAsync(who, "not the password at all", org).ErrorAsync(HttpStatusCode.Unauthorized);
            return watch.Elapsed;
        }
        await TimeAsync(login);

        var wrong = new List<TimeSpan>();
        var unknown = new List<TimeSpan>();
        for (var i = 0; i < 3; i++)
        {
            wrong.Add(await TimeAsync(login));
            unknown.Add(await TimeAsync(Unique("nobody")));
        }

        // Both run the full password hash; without the decoy an unknown login answers in about a millisecond.
        Assert.True(unknown.Min() > wrong.Min() / 3, $"unknown login {unknown.Min().TotalMilliseconds} ms, wrong password {wrong.Min().TotalMilliseconds} ms");
    }

    [DatabaseFact]
    public async Task Passwords_are_stored_only_as_salted_pbkdf2_hashes_with_600000_iterations()
    {
        var (admin, org, login) = await NewMemberWithPasswordAsync();
        var other = Unique("joe");
        await NewUserAsync(admin, org, other);
        await admin.PutAsync($"api/orgs/{org}/members/{other}/password", Json(new { password = JanesPassword })).ShouldBe(HttpStatusCode.NoContent);
        var store = Server.Services.GetRequiredService<ICofferStore>();

        var hashes = new List<string>();
        foreach (var who in (string[])[login, other])
        {
            var user = await store.FindUserAsync(who, CancellationToken.None);
            hashes.Add((await store.GetPasswordHashAsync(user!.Id, CancellationToken.None))!);
        }

        Assert.All(hashes, hash => Assert.Matches(@"^pbkdf2-sha256\$600000\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$", hash));
        Assert.All(hashes, hash => Assert.DoesNotContain("horse", hash, StringComparison.Ordinal));
        Assert.NotEqual(hashes[0], hashes[1]);
    }

    [DatabaseFact]
    public async Task A_hash_made_with_fewer_iterations_is_upgraded_when_its_user_signs_in()
    {
        var (_, org, login) = await NewMemberWithPasswordAsync();
        var store = Server.Services.GetRequiredService<ICofferStore>();
        var user = (await store.FindUserAsync(login, CancellationToken.None))!;
        var salt = new byte[16];
        var weak = $"pbkdf2-sha256$1000${Convert.ToBase64String(salt)}${Convert.ToBase64String(System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(JanesPassword, salt, 1000, System.Security.Cryptography.HashAlgorithmName.SHA256, 32))}";
        await store.SetPasswordHashAsync(user.Id, weak, DateTimeOffset.UtcNow, CancellationToken.None);

        await SignInAsync(login, JanesPassword, org).ShouldBe(HttpStatusCode.OK);

        var upgraded = (await store.GetPasswordHashAsync(user.Id, CancellationToken.None))!;
        Assert.StartsWith("pbkdf2-sha256$600000$", upgraded, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify(JanesPassword, upgraded));
    }

    [DatabaseFact]
    public async Task A_user_changes_their_password_with_the_current_one_and_their_other_sessions_end()
    {
        var (_, org, login) = await NewMemberWithPasswordAsync();
        var first = Server.NewClient((string)(await SignInAsync(login, JanesPassword, org).JsonAsync())["token"]!);
        var second = Server.NewClient((string)(await SignInAsync(login, JanesPassword, org).JsonAsync())["token"]!);
        const string next = "a much better passphrase";
        await first.GetAsync("api/user").ShouldBe(HttpStatusCode.OK); // the server now has the session cached

        await second.PutAsync("api/user/password", Json(new { newPassword = next })).ErrorAsync(HttpStatusCode.BadRequest);
        Assert.Equal("the current password is wrong",
            await second.PutAsync("api/user/password", Json(new { currentPassword = "not the password at all", newPassword = next })).ErrorAsync(HttpStatusCode.Forbidden));
        await second.PutAsync("api/user/password", Json(new { currentPassword = JanesPassword, newPassword = next })).ShouldBe(HttpStatusCode.NoContent);

        await SignInAsync(login, JanesPassword, org).ErrorAsync(HttpStatusCode.Unauthorized);
        await SignInAsync(login, next, org).ShouldBe(HttpStatusCode.OK);
        await second.GetAsync("api/user").ShouldBe(HttpStatusCode.OK);
        // At once on the server that made the change, though it had the session cached.
        await first.GetAsync("api/user").ErrorAsync(HttpStatusCode.Unauthorized);
    }

    [DatabaseFact]
    public async Task A_user_without_a_password_sets_one_with_their_personal_token()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        var login = Unique("ann");
        var ann = await NewUserAsync(admin, org, login);

        await ann.PutAsync("api/user/password", Json(new { newPassword = JanesPassword })).ShouldBe(HttpStatusCode.NoContent);

        await SignInAsync(login, JanesPassword, org).ShouldBe(HttpStatusCode.OK);
    }

    [DatabaseFact]
    public async Task Only_an_administrator_sets_a_members_password()
    {
        var (admin, org, login) = await NewMemberWithPasswordAsync();
        var member = await NewUserAsync(admin, org, Unique("bob"));

        await member.PutAsync($"api/orgs/{org}/members/{login}/password", Json(new { password = "taking over your account" })).ErrorAsync(HttpStatusCode.Forbidden);
        await admin.PutAsync($"api/orgs/{org}/members/{Unique("nobody")}/password", Json(new { password = JanesPassword })).ErrorAsync(HttpStatusCode.NotFound);
        var (_, foreign) = await NewOrganizationMemberAsync();
        await admin.PutAsync($"api/orgs/{foreign}/members/{login}/password", Json(new { password = JanesPassword })).ErrorAsync(HttpStatusCode.NotFound);

        await SignInAsync(login, JanesPassword, org).ShouldBe(HttpStatusCode.OK);
    }

    [DatabaseFact]
    public async Task An_administrator_cannot_replace_the_password_of_a_user_who_belongs_to_another_organization_too()
    {
        var (_, _, login) = await NewMemberWithPasswordAsync();
        var (otherAdmin, other) = await NewOrganizationMemberAsync();
        await otherAdmin.PostAsync($"api/orgs/{other}/members", Json(new { login })).ShouldBe(HttpStatusCode.OK);

        var message = await otherAdmin.PutAsync($"api/orgs/{other}/members/{login}/password", Json(new { password = "taking over your account" })).ErrorAsync(HttpStatusCode.Conflict);

        Assert.Contains($"only {login} can change it", message, StringComparison.Ordinal);
        await SignInAsync(login, JanesPassword, other).ShouldBe(HttpStatusCode.OK);
    }

    [DatabaseFact]
    public async Task A_sign_in_token_reaches_only_the_organization_signed_in_to()
    {
        var (_, org, login) = await NewMemberWithPasswordAsync();
        var (otherAdmin, other) = await NewOrganizationMemberAsync();
        await otherAdmin.PostAsync($"api/orgs/{other}/members", Json(new { login, role = "admin" })).ShouldBe(HttpStatusCode.OK);
        var session = Server.NewClient((string)(await SignInAsync(login, JanesPassword, org).JsonAsync())["token"]!);

        await session.GetAsync($"api/orgs/{other}/members").ErrorAsync(HttpStatusCode.NotFound);
        await session.GetAsync($"api/esc/environments/{other}").ErrorAsync(HttpStatusCode.NotFound);
        await session.GetAsync($"api/esc/environments/{org}").ShouldBe(HttpStatusCode.OK);
    }

    [DatabaseFact]
    public async Task Weak_oversized_and_malformed_passwords_are_refused_with_400()
    {
        var (admin, org) = await NewOrganizationMemberAsync();
        var login = Unique("weak");
        await NewUserAsync(admin, org, login);

        foreach (var body in (string[])["{}", """{"password": ""}""", """{"password": "short"}""", """{"password": 12345678901234}""",
                     $$"""{"password": "{{new string('x', 257)}}"}""", """{"password": "twelve chars\u0007 with a bell"}""", "[]", "not json"])
        {
            await admin.PutAsync($"api/orgs/{org}/members/{login}/password", Json(body)).ErrorAsync(HttpStatusCode.BadRequest);
        }
        await admin.PutAsync($"api/orgs/{org}/members/{login}/password", Json($$"""{"password": "{{new string('x', 300_000)}}"}""")).ErrorAsync(HttpStatusCode.RequestEntityTooLarge);
        await admin.PutAsync($"api/orgs/{org}/members/{login}/password", Json(new { password = new string('é', 256) })).ShouldBe(HttpStatusCode.NoContent);
    }

    [DatabaseFact]
    public async Task Malformed_and_hostile_sign_in_requests_are_400_or_401_and_never_500()
    {
        foreach (var body in (string[])["", "{}", "[]", "null", "not json", """{"login": "x", "password": "y"}""", """{"login": 1, "password": 2, "organization": 3}"""])
        {
            await Server.Anonymous.PostAsync("api/sign-in", Json(body)).ErrorAsync(HttpStatusCode.BadRequest);
        }
        foreach (var login in (string[])["' OR 1=1 --", "../admin", new string('a', 10_000), "admin\u202e", "%00"])
        {
            await SignInAsync(login, "whatever password", Org).ErrorAsync(HttpStatusCode.Unauthorized);
        }
        await SignInAsync("admin", new string('p', 10_000), Org).ErrorAsync(HttpStatusCode.Unauthorized);
        await Server.Anonymous.PostAsync("api/sign-in", Json($$"""{"login": "admin", "password": "{{new string('x', 20_000)}}", "organization": "default"}""")).ErrorAsync(HttpStatusCode.RequestEntityTooLarge);
    }

    [DatabaseFact]
    public async Task Concurrent_password_changes_leave_one_of_the_passwords_and_no_error()
    {
        var (admin, org, login) = await NewMemberWithPasswordAsync();
        string[] candidates = ["first new password", "second new password", "third new password"];

        var responses = await Task.WhenAll(candidates.Select(p => admin.PutAsync($"api/orgs/{org}/members/{login}/password", Json(new { password = p }))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NoContent, r.StatusCode));
        var accepted = new List<string>();
        foreach (var candidate in candidates)
        {
            if ((await SignInAsync(login, candidate, org)).StatusCode == HttpStatusCode.OK)
            {
                accepted.Add(candidate);
            }
        }
        Assert.Single(accepted);
    }

    [DatabaseFact]
    public async Task Sign_in_and_the_password_endpoints_are_in_the_openapi_document()
    {
        var document = await Client.GetAsync("openapi/v1.json").JsonAsync();
        var paths = document["paths"]!.AsObject();

        Assert.True(paths.ContainsKey("/api/sign-in"));
        Assert.True(paths.ContainsKey("/api/user/password"));
        Assert.True(paths.ContainsKey("/api/orgs/{org}/members/{login}/password"));
    }
}
