using Coffer.Server.Oidc;
using Coffer.Server.Storage;

namespace Coffer.Server.Tests.Oidc;

/// <summary>Which key signs, which are published and when the next is due, from the stored keys and the time.</summary>
public sealed class SigningKeyScheduleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SigningKeyPolicy Policy = new();

    [Fact]
    public void The_newest_activated_generation_signs_and_a_pending_one_does_not()
    {
        var keys = new[] { Key("a", 1, T0), Key("b", 2, T0.AddDays(30)) };

        Assert.Equal("a", SigningKeySchedule.Signing(keys, T0.AddDays(29))!.Id);
        Assert.Equal("b", SigningKeySchedule.Signing(keys, T0.AddDays(30))!.Id);
        Assert.Null(SigningKeySchedule.Signing(keys, T0.AddSeconds(-1)));
    }

    [Fact]
    public void A_pending_key_is_published_with_the_signing_key()
    {
        var keys = new[] { Key("a", 1, T0), Key("b", 2, T0.AddDays(30)) };

        Assert.Equal(["a", "b"], SigningKeySchedule.Published(keys, T0.AddDays(29)).Select(k => k.Id));
    }

    [Fact]
    public void A_key_overtaken_before_it_signed_goes_with_the_key_that_overtook_it()
    {
        var keys = new[] { Key("a", 1, T0), Key("b", 2, T0.AddDays(30)), Key("c", 3, T0.AddDays(10)) };
        var now = T0.AddDays(10);

        Assert.Equal("c", SigningKeySchedule.Signing(keys, now)!.Id);
        Assert.Equal(["a", "b", "c"], SigningKeySchedule.Published(keys, now).Select(k => k.Id));
        Assert.Equal(["a", "b"], SigningKeySchedule.Expired(keys, now + SigningKeyPolicy.RetiredKeyGrace).Select(k => k.Id));
    }

    [Fact]
    public void The_next_key_is_due_a_day_before_the_interval_ends_and_only_once()
    {
        var keys = new[] { Key("a", 1, T0) };
        var interval = Policy.RotationInterval;

        Assert.Null(SigningKeySchedule.NextActivation(keys, T0 + interval - TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1), Policy));
        Assert.Equal(T0 + interval, SigningKeySchedule.NextActivation(keys, T0 + interval - TimeSpan.FromDays(1), Policy));
        Assert.Null(SigningKeySchedule.NextActivation([.. keys, Key("b", 2, T0 + interval)], T0 + interval - TimeSpan.FromHours(1), Policy));
    }

    [Fact]
    public void A_server_down_past_the_due_date_still_publishes_the_next_key_before_it_signs()
    {
        var keys = new[] { Key("a", 1, T0) };
        var now = T0 + Policy.RotationInterval + TimeSpan.FromDays(3);

        Assert.Equal(now + SigningKeyPolicy.ActivationDelay, SigningKeySchedule.NextActivation(keys, now, Policy));
    }

    [Fact]
    public void A_short_interval_publishes_half_an_interval_ahead_and_checks_often_enough()
    {
        var hourly = new SigningKeyPolicy { RotationInterval = TimeSpan.FromHours(1) };

        Assert.Equal(TimeSpan.FromMinutes(30), hourly.Prepublication);
        Assert.True(hourly.MaintenancePeriod <= hourly.Prepublication / 2);
    }

    private static SigningKeyRecord Key(string id, int generation, DateTimeOffset activates) =>
        new(id, generation, "RS256", [], [], 0, activates, activates);
}
