using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Coffer.Server.Hosting;

namespace Coffer.Server.Auth;

/// <summary>
/// Limits failed authentication — wrong passwords at sign-in, unknown, revoked or expired access
/// tokens — per client address, so that guessing is slow while everyone else is unaffected. Each
/// address has a bucket of <see cref="ServerOptions.AuthenticationFailureLimit"/> failures that
/// refills evenly over <see cref="ServerOptions.AuthenticationFailureWindow"/>; a client under the
/// limit is never delayed. An address whose bucket is empty gets 429 for every request that needs
/// authentication, valid or not, until a failure has refilled: answering valid guesses would let
/// guessing go on. IPv6 clients are counted per /64, the block one host usually holds.
/// The counts live in this process: several replicas each allow the limit.
/// </summary>
public sealed class AuthenticationFailureLimiter
{
    // Bounds memory under a flood from many addresses; beyond it, new addresses are not tracked
    // until the periodic sweep frees entries whose buckets have refilled.
    private const int MaxTrackedAddresses = 100_000;
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<IPAddress, Bucket> _buckets = new();
    private readonly TimeProvider _clock;
    private readonly double _capacity;
    private readonly double _refillPerSecond;
    private long _nextSweepTicks;

    public AuthenticationFailureLimiter(ServerOptions options, TimeProvider clock)
    {
        _clock = clock;
        _capacity = options.AuthenticationFailureLimit;
        _refillPerSecond = options.AuthenticationFailureLimit / Math.Max(1, options.AuthenticationFailureWindow.TotalSeconds);
    }

    /// <summary>False when limiting is off (a limit of 0).</summary>
    public bool Enabled => _capacity > 0;

    /// <summary>
    /// How long <paramref name="address"/> must wait before it may authenticate again; null when it
    /// may now.
    /// </summary>
    public TimeSpan? RetryAfter(IPAddress? address)
    {
        if (!Enabled || address is null || !_buckets.TryGetValue(Key(address), out var bucket))
        {
            return null;
        }
        lock (bucket)
        {
            var tokens = bucket.Refill(_clock.GetUtcNow(), _capacity, _refillPerSecond);
            return tokens >= 1 ? null : TimeSpan.FromSeconds((1 - tokens) / _refillPerSecond);
        }
    }

    /// <summary>
    /// Takes one failure from the address's bucket before a check whose failure must count exactly
    /// (a password), even when many run at once: null when the bucket is empty (refuse with
    /// <see cref="RetryAfter"/>), else an attempt to <see cref="Attempt.Succeeded"/> if it does.
    /// </summary>
    public Attempt? TryBegin(IPAddress? address)
    {
        if (!Enabled || address is null)
        {
            return new Attempt(null);
        }
        var bucket = Track(Key(address));
        if (bucket is null)
        {
            return new Attempt(null);
        }
        lock (bucket)
        {
            var tokens = bucket.Refill(_clock.GetUtcNow(), _capacity, _refillPerSecond);
            if (tokens < 1)
            {
                return null;
            }
            bucket.Tokens = tokens - 1;
        }
        return new Attempt(bucket);
    }

    /// <summary>Counts a failure that has already happened (an access token that was not accepted).</summary>
    public void RecordFailure(IPAddress? address)
    {
        if (Enabled && address is not null && Track(Key(address)) is { } bucket)
        {
            lock (bucket)
            {
                bucket.Tokens = Math.Max(0, bucket.Refill(_clock.GetUtcNow(), _capacity, _refillPerSecond) - 1);
            }
        }
    }

    private Bucket? Track(IPAddress key)
    {
        var now = _clock.GetUtcNow();
        Sweep(now);
        if (_buckets.TryGetValue(key, out var existing))
        {
            return existing;
        }
        return _buckets.Count >= MaxTrackedAddresses ? null : _buckets.GetOrAdd(key, _ => new Bucket(_capacity, now));
    }

    private void Sweep(DateTimeOffset now)
    {
        var next = Interlocked.Read(ref _nextSweepTicks);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweepTicks, (now + SweepInterval).UtcTicks, next) != next)
        {
            return;
        }
        foreach (var (key, bucket) in _buckets)
        {
            lock (bucket)
            {
                if (bucket.Refill(now, _capacity, _refillPerSecond) >= _capacity)
                {
                    _buckets.TryRemove(KeyValuePair.Create(key, bucket));
                }
            }
        }
    }

    private static IPAddress Key(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }

    /// <summary>A check that took one failure from its bucket; it gives it back if the check succeeds.</summary>
    public sealed class Attempt
    {
        private readonly Bucket? _bucket;
        private int _settled;

        internal Attempt(Bucket? bucket) => _bucket = bucket;

        public void Succeeded()
        {
            if (_bucket is not null && Interlocked.Exchange(ref _settled, 1) == 0)
            {
                lock (_bucket)
                {
                    _bucket.Tokens = Math.Min(_bucket.Capacity, _bucket.Tokens + 1);
                }
            }
        }
    }

    internal sealed class Bucket(double capacity, DateTimeOffset updated)
    {
        public double Capacity { get; } = capacity;

        public double Tokens { get; set; } = capacity;

        private DateTimeOffset _updated = updated;

        /// <summary>Adds what has refilled since the last look (callers hold the lock); returns the tokens now.</summary>
        public double Refill(DateTimeOffset now, double capacity, double perSecond)
        {
            if (now > _updated)
            {
                Tokens = Math.Min(capacity, Tokens + (now - _updated).TotalSeconds * perSecond);
                _updated = now;
            }
            return Tokens;
        }
    }
}
