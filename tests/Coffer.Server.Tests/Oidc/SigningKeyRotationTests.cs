using Coffer.Server.Crypto;
using Coffer.Server.Oidc;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Coffer.Server.Tests.Oidc;

/// <summary>
/// Rotation of the issuer's signing keys on a server whose clock the test moves: new keys are
/// published before they sign, and old ones stay published until every token they signed expired.
/// </summary>
public sealed class SigningKeyRotationTests : IAsyncLifetime
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly TempFolder _folder = new();
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);
    private readonly CapturedLogs _logs = new();
    private LoopbackCofferServer _server = null!;

    private SigningKeys Keys => _server.Services.GetRequiredService<SigningKeys>();

    public async Task InitializeAsync() => _server = await StartAsync(_folder.NewSubfolder());

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task A_rotated_key_is_published_at_once_and_signs_after_the_activation_delay()
    {
        var first = Assert.Single(await IssuerKeys.KeyIdsAsync(_server));

        var rotated = await Keys.RotateAsync(CancellationToken.None);

        Assert.Equal([first, rotated.Id], await IssuerKeys.KeyIdsAsync(_server));
        Assert.Equal(first, IssuerKeys.KeyIdOf(await Mint.TokenAsync(_server)));
        _clock.Advance(SigningKeyPolicy.ActivationDelay);
        Assert.Equal(rotated.Id, IssuerKeys.KeyIdOf(await Mint.TokenAsync(_server)));
    }

    [Fact]
    public async Task A_replaced_key_stays_published_until_its_tokens_have_expired_then_goes()
    {
        var first = Assert.Single(await IssuerKeys.KeyIdsAsync(_server));
        var oldToken = await Mint.TokenAsync(_server);
        var rotated = await Keys.RotateAsync(CancellationToken.None);
        _clock.Advance(SigningKeyPolicy.ActivationDelay);

        _clock.Advance(SigningKeyPolicy.RetiredKeyGrace - Second);
        Assert.Equal([first, rotated.Id], await IssuerKeys.KeyIdsAsync(_server));
        await IssuerKeys.VerifyAsync(_server, oldToken, "aws:acme", checkLifetime: false);

        _clock.Advance(2 * Second);
        Assert.Equal([rotated.Id], await IssuerKeys.KeyIdsAsync(_server));
        await Assert.ThrowsAsync<InvalidOperationException>(() => IssuerKeys.VerifyAsync(_server, oldToken, "aws:acme", checkLifetime: false));
    }

    [Fact]
    public async Task Maintenance_deletes_keys_no_token_can_need_any_more()
    {
        await IssuerKeys.KeyIdsAsync(_server);
        var rotated = await Keys.RotateAsync(CancellationToken.None);
        _clock.Advance(SigningKeyPolicy.ActivationDelay + SigningKeyPolicy.RetiredKeyGrace + Second);

        await Keys.MaintainAsync(CancellationToken.None);

        var stored = await _server.Services.GetRequiredService<ICofferStore>().ListSigningKeysAsync(CancellationToken.None);
        Assert.Equal([rotated.Id], stored.Select(k => k.Id));
    }

    [Fact]
    public async Task The_scheduled_key_is_published_a_day_ahead_and_signs_when_the_interval_is_up()
    {
        var first = Assert.Single(await IssuerKeys.KeyIdsAsync(_server));
        var interval = SigningKeyPolicy.DefaultRotationInterval;

        _clock.Advance(interval - TimeSpan.FromDays(1) - TimeSpan.FromMinutes(1));
        await Keys.MaintainAsync(CancellationToken.None);
        Assert.Equal([first], await IssuerKeys.KeyIdsAsync(_server));

        _clock.Advance(TimeSpan.FromMinutes(2));
        await Keys.MaintainAsync(CancellationToken.None);
        var ids = await IssuerKeys.KeyIdsAsync(_server);
        Assert.Equal(2, ids.Count);
        Assert.Equal(first, IssuerKeys.KeyIdOf(await Mint.TokenAsync(_server)));

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(ids[1], IssuerKeys.KeyIdOf(await Mint.TokenAsync(_server)));
        _clock.Advance(SigningKeyPolicy.RetiredKeyGrace);
        Assert.Equal([ids[1]], await IssuerKeys.KeyIdsAsync(_server));
    }

    [Fact]
    public async Task After_the_root_key_changes_a_new_key_signs_and_the_old_one_stays_published()
    {
        var dataDirectory = _folder.NewSubfolder();
        string first;
        await using (var before = await StartAsync(dataDirectory))
        {
            first = Assert.Single(await IssuerKeys.KeyIdsAsync(before));
        }
        RootKey.Generate().WriteTo(Path.Combine(dataDirectory, RootKey.FileName));

        await using var after = await StartAsync(dataDirectory);
        var token = await Mint.TokenAsync(after);

        var replacement = IssuerKeys.KeyIdOf(token);
        Assert.NotEqual(first, replacement);
        Assert.Equal([first, replacement], await IssuerKeys.KeyIdsAsync(after));
        await IssuerKeys.VerifyAsync(after, token, "aws:acme", checkLifetime: false);
        Assert.Contains(_logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(first, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_rotate_signing_key_command_adds_a_key_that_servers_publish_before_it_signs()
    {
        var dataDirectory = _folder.NewSubfolder();
        string first;
        await using (var before = await StartAsync(dataDirectory))
        {
            first = Assert.Single(await IssuerKeys.KeyIdsAsync(before));
        }

        Assert.Equal(0, await Program.Main(["rotate-signing-key", "--data-dir", dataDirectory]));

        await using var after = await StartAsync(dataDirectory);
        var ids = await IssuerKeys.KeyIdsAsync(after);
        Assert.Equal(2, ids.Count);
        Assert.Equal(first, ids[0]);
        Assert.Equal(first, IssuerKeys.KeyIdOf(await Mint.TokenAsync(after)));
    }

    private Task<LoopbackCofferServer> StartAsync(string dataDirectory) => LoopbackCofferServer.StartAsync(dataDirectory, configure: services =>
    {
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<ILoggerProvider>(_logs);
    });
}
