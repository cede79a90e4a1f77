using System.Net;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

/// <summary>
/// The limit on failed authentication per client address, on servers of their own that allow five
/// failures a minute. Clients come from different loopback addresses (127.0.0.1, 127.0.0.2, …),
/// which the server sees as different clients.
/// </summary>
public sealed class AuthenticationRateLimitTests : IAsyncLifetime
{
    private const int Limit = 5;
    private const string Password = "correct horse battery staple";
    private static readonly IPAddress Attacker = IPAddress.Parse("127.0.0.2");
    private static readonly IPAddress Bystander = IPAddress.Parse("127.0.0.3");
    private readonly TempFolder _folder = new();
    private ApiServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await ApiServer.StartAsync("sqlite", _folder.NewSubfolder(), options => options with
        {
            AuthenticationFailureLimit = Limit,
            AuthenticationFailureWindow = TimeSpan.FromMinutes(1),
        });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    private HttpClient From(IPAddress address, string? token) => _server.NewClient(token, address);

    private static string WrongToken() => "cof_" + Guid.NewGuid().ToString("N") + "0000000000a";

    private async Task<string> MemberWithPasswordAsync()
    {
        var login = "jane-" + Guid.NewGuid().ToString("N")[..8];
        await _server.Client.PostAsync("api/orgs/default/users", Json(new { login })).ShouldBe(HttpStatusCode.OK);
        await _server.Client.PutAsync($"api/orgs/default/members/{login}/password", Json(new { password = Password })).ShouldBe(HttpStatusCode.NoContent);
        return login;
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string login, string password) =>
        client.PostAsync("api/sign-in", Json(new { login, password, organization = "default" }));

    [Fact]
    public async Task A_client_under_the_limit_is_not_refused_or_slowed()
    {
        for (var i = 0; i < Limit - 1; i++)
        {
            await From(Attacker, WrongToken()).GetAsync("api/user").ErrorAsync(HttpStatusCode.Unauthorized);
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await From(Attacker, _server.Token).GetAsync("api/user").ShouldBe(HttpStatusCode.OK);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Failed_token_checks_beyond_the_limit_are_429_with_retry_after_even_for_a_valid_token()
    {
        for (var i = 0; i < Limit; i++)
        {
            await From(Attacker, WrongToken()).GetAsync("api/user").ErrorAsync(HttpStatusCode.Unauthorized);
        }

        var refused = await From(Attacker, WrongToken()).GetAsync("api/user").ShouldBe(HttpStatusCode.TooManyRequests);
        var body = await Task.FromResult(refused).JsonAsync(HttpStatusCode.TooManyRequests);
        Assert.Equal(429, (int)body["code"]!);
        Assert.Contains("too many failed authentication attempts", (string)body["message"]!, StringComparison.Ordinal);
        var retryAfter = int.Parse(refused.Header("Retry-After")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        await From(Attacker, _server.Token).GetAsync("api/user").ErrorAsync(HttpStatusCode.TooManyRequests);
        await From(Attacker, null).GetAsync("healthz").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_valid_token_from_another_address_still_works_while_one_address_is_refused()
    {
        for (var i = 0; i < Limit + 3; i++)
        {
            await From(Attacker, WrongToken()).GetAsync("api/user");
        }
        await From(Attacker, WrongToken()).GetAsync("api/user").ErrorAsync(HttpStatusCode.TooManyRequests);

        await From(Bystander, _server.Token).GetAsync("api/user").ShouldBe(HttpStatusCode.OK);
        await _server.Client.GetAsync("api/esc/environments/default").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_allowance_refills_over_the_window()
    {
        for (var i = 0; i < Limit; i++)
        {
            await From(Attacker, WrongToken()).GetAsync("api/user").ErrorAsync(HttpStatusCode.Unauthorized);
        }
        await From(Attacker, _server.Token).GetAsync("api/user").ErrorAsync(HttpStatusCode.TooManyRequests);

        _server.Clock.Advance(TimeSpan.FromSeconds(13)); // one failure's worth: 60 s / 5

        await From(Attacker, _server.Token).GetAsync("api/user").ShouldBe(HttpStatusCode.OK);
        await From(Attacker, WrongToken()).GetAsync("api/user").ErrorAsync(HttpStatusCode.Unauthorized);
        await From(Attacker, WrongToken()).GetAsync("api/user").ErrorAsync(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Concurrent_failed_sign_ins_are_counted_exactly()
    {
        var login = await MemberWithPasswordAsync();
        var attacker = From(Attacker, null);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4 * Limit).Select(i => SignInAsync(attacker, login, $"guess number {i:D4}")));

        Assert.Equal(Limit, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(3 * Limit, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.All(responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests), r => Assert.NotNull(r.Header("Retry-After")));
        await SignInAsync(attacker, login, Password).ShouldBe(HttpStatusCode.TooManyRequests);
        await SignInAsync(From(Bystander, null), login, Password).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Concurrent_failed_token_checks_end_in_429_and_never_in_an_error()
    {
        var clients = Enumerable.Range(0, 40).Select(_ => From(Attacker, WrongToken())).ToList();

        var responses = await Task.WhenAll(clients.Select(c => c.GetAsync("api/user")));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests, $"{r.StatusCode}"));
        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized) >= Limit);
        await From(Attacker, _server.Token).GetAsync("api/user").ErrorAsync(HttpStatusCode.TooManyRequests);
        await From(Bystander, _server.Token).GetAsync("api/user").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Successful_sign_ins_do_not_use_up_the_allowance()
    {
        var login = await MemberWithPasswordAsync();
        var client = From(Attacker, null);

        for (var i = 0; i < Limit + 2; i++)
        {
            await SignInAsync(client, login, Password).ShouldBe(HttpStatusCode.OK);
        }
        for (var i = 0; i < Limit; i++)
        {
            await SignInAsync(client, login, "not the password at all").ShouldBe(HttpStatusCode.Unauthorized);
        }
        await SignInAsync(client, login, Password).ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_clients_are_told_apart_by_x_forwarded_for_and_nobody_else_can_forge_it()
    {
        var proxy = IPAddress.Parse("127.0.0.4");
        var forger = IPAddress.Parse("127.0.0.5");
        await using var proxied = await ApiServer.StartAsync("sqlite", _folder.NewSubfolder(), options => options with
        {
            AuthenticationFailureLimit = Limit,
            TrustedProxies = [proxy],
        });
        HttpClient Via(IPAddress from, string forwardedFor, string token)
        {
            var client = proxied.NewClient(token, from);
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
            return client;
        }

        for (var i = 0; i < Limit; i++)
        {
            await Via(proxy, "198.51.100.7", WrongToken()).GetAsync("api/user").ErrorAsync(HttpStatusCode.Unauthorized);
        }
        await Via(proxy, "198.51.100.7", proxied.Token).GetAsync("api/user").ErrorAsync(HttpStatusCode.TooManyRequests);
        await Via(proxy, "198.51.100.8", proxied.Token).GetAsync("api/user").ShouldBe(HttpStatusCode.OK);

        for (var i = 0; i < Limit; i++)
        {
            await Via(forger, $"203.0.113.{i}", WrongToken()).GetAsync("api/user").ErrorAsync(HttpStatusCode.Unauthorized);
        }
        await Via(forger, "203.0.113.99", proxied.Token).GetAsync("api/user").ErrorAsync(HttpStatusCode.TooManyRequests);
    }
}
