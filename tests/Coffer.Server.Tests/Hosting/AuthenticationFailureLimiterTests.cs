using System.Net;
using Coffer.Server.Auth;
using Coffer.Server.Hosting;
using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Hosting;

/// <summary>How <see cref="AuthenticationFailureLimiter"/> tells clients apart and counts their failures.</summary>
public sealed class AuthenticationFailureLimiterTests
{
    private readonly TestClock _clock = new();

    private AuthenticationFailureLimiter Limiter(int limit = 3) =>
        new(new ServerOptions { AuthenticationFailureLimit = limit, AuthenticationFailureWindow = TimeSpan.FromMinutes(1) }, _clock);

    private static void Fail(AuthenticationFailureLimiter limiter, string address, int times)
    {
        for (var i = 0; i < times; i++)
        {
            limiter.RecordFailure(IPAddress.Parse(address));
        }
    }

    [Fact]
    public void IPv6_clients_of_one_64_block_share_an_allowance_and_other_blocks_do_not()
    {
        var limiter = Limiter();

        Fail(limiter, "2001:db8:1:2::1", 2);
        Fail(limiter, "2001:db8:1:2:ffff::9", 1);

        Assert.NotNull(limiter.RetryAfter(IPAddress.Parse("2001:db8:1:2::abcd")));
        Assert.Null(limiter.RetryAfter(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public void An_IPv4_client_is_the_same_client_over_an_IPv4_mapped_IPv6_connection()
    {
        var limiter = Limiter();

        Fail(limiter, "::ffff:192.0.2.10", 3);

        Assert.NotNull(limiter.RetryAfter(IPAddress.Parse("192.0.2.10")));
        Assert.Null(limiter.RetryAfter(IPAddress.Parse("192.0.2.11")));
    }

    [Fact]
    public void The_wait_is_the_time_until_one_failure_has_refilled()
    {
        var limiter = Limiter(limit: 3);
        Fail(limiter, "192.0.2.1", 3);

        Assert.Equal(20, limiter.RetryAfter(IPAddress.Parse("192.0.2.1"))!.Value.TotalSeconds, precision: 0);
        _clock.Advance(TimeSpan.FromSeconds(20.5));
        Assert.Null(limiter.RetryAfter(IPAddress.Parse("192.0.2.1")));
    }

    [Fact]
    public void An_attempt_that_succeeds_gives_its_failure_back_and_one_that_fails_keeps_it()
    {
        var limiter = Limiter(limit: 2);
        var address = IPAddress.Parse("192.0.2.2");

        for (var i = 0; i < 10; i++)
        {
            limiter.TryBegin(address)!.Succeeded();
        }
        Assert.NotNull(limiter.TryBegin(address));
        Assert.NotNull(limiter.TryBegin(address));

        Assert.Null(limiter.TryBegin(address));
    }

    [Fact]
    public void A_limit_of_zero_limits_nothing()
    {
        var limiter = Limiter(limit: 0);

        Fail(limiter, "192.0.2.3", 1000);

        Assert.Null(limiter.RetryAfter(IPAddress.Parse("192.0.2.3")));
        Assert.NotNull(limiter.TryBegin(IPAddress.Parse("192.0.2.3")));
    }

    [Fact]
    public async Task Concurrent_attempts_from_one_address_take_exactly_the_allowance()
    {
        var limiter = Limiter(limit: 50);
        var address = IPAddress.Parse("192.0.2.4");

        var granted = await Task.WhenAll(Enumerable.Range(0, 400).Select(_ => Task.Run(() => limiter.TryBegin(address) is not null)));

        Assert.Equal(50, granted.Count(g => g));
    }
}
