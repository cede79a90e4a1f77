using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Coffer.Server.Api;
using Coffer.Server.Audit;
using Coffer.Server.Crypto;
using Coffer.Server.Storage;

namespace Coffer.Server.Sessions;

/// <summary>
/// Open sessions: the evaluated environment of an <c>open</c>, kept so clients can read it (whole or
/// one property) until it expires. Each session is encrypted with its own random key, wrapped by
/// the root key and bound to the session id; any server replica can read it. Decrypted sessions
/// are cached in memory until they expire — they never change — so repeated reads do not
/// decrypt again. The cache is bounded by the bytes it holds rather than by the number of
/// sessions, as sessions can be large.
/// </summary>
public sealed class OpenSessionService(ICofferStore store, RootKey rootKey, TimeProvider clock) : IAsyncDisposable
{
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromHours(2);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);
    // Clients read a session right after opening it, so a few hundred sessions cover the reads that
    // matter; what a larger cache keeps is mostly garbage the GC has to promote and collect later.
    private const long MaxCachedBytes = 4 * 1024 * 1024;
    // Sessions opened at the same time are inserted in one transaction: on SQLite every transaction
    // rewrites the pages it touched and queues on the one writer, so one per open was most of an
    // open's cost under load. A batch closes once it holds a megabyte of sessions.
    private const int MaxBatchBytes = 1024 * 1024;

    private readonly GroupCommit<OpenSession> _inserts = new(sessions => store.CreateSessionsAsync(sessions, CancellationToken.None), session => session.Payload.Length, MaxBatchBytes);

    private readonly ConcurrentDictionary<string, CachedSession> _cache = new(StringComparer.Ordinal);
    private long _cachedBytes;

    /// <summary>Stores an evaluated environment (JSON) for <paramref name="duration"/>; returns the session id.</summary>
    public async Task<string> CreateAsync(string ownerId, int revision, byte[] environmentJson, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var id = NewId(now);
        var sessionKey = RandomNumberGenerator.GetBytes(32);
        var wrappedKey = rootKey.Wrap(sessionKey, "session:" + id);
        // length(2) ‖ wrapped session key ‖ sealed box, the box sealed in place: sessions are large.
        var payload = new byte[2 + wrappedKey.Length + AesGcmBox.SealedSize(environmentJson.Length)];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)wrappedKey.Length);
        wrappedKey.CopyTo(payload, 2);
        AesGcmBox.Seal(sessionKey, environmentJson, "coffer/session/v1:" + id, payload.AsSpan(2 + wrappedKey.Length));
        var expires = now + duration;
        await _inserts.WriteAsync(new OpenSession(id, ownerId, revision, payload, now, expires), cancellationToken);
        Remember(id, ownerId, revision, environmentJson, expires);
        return id;
    }

    /// <summary>The environment JSON of a session opened on <paramref name="ownerId"/>; 404 when unknown, expired or opened elsewhere.</summary>
    public async Task<byte[]> ReadAsync(string id, string ownerId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_cache.TryGetValue(id, out var cached))
        {
            if (cached.Expires > now && cached.OwnerId == ownerId)
            {
                AuditScope.Current?.Revision = cached.Revision;
                return cached.Json;
            }
            if (cached.Expires <= now)
            {
                Forget(id);
            }
        }
        var session = await store.GetSessionAsync(id, now, cancellationToken);
        if (session is null || session.EnvironmentId != ownerId)
        {
            throw ApiError.NotFound($"open session {id} not found or expired");
        }
        byte[] json;
        try
        {
            var keyLength = BinaryPrimitives.ReadUInt16BigEndian(session.Payload);
            var sessionKey = rootKey.Unwrap(session.Payload.AsSpan(2, keyLength), "session:" + id);
            json = AesGcmBox.Open(sessionKey, session.Payload.AsSpan(2 + keyLength), "coffer/session/v1:" + id);
        }
        catch (CryptographicException)
        {
            // Sessions opened before the root key was rotated can no longer be read.
            throw ApiError.NotFound($"open session {id} not found or expired");
        }
        AuditScope.Current?.Revision = session.Revision;
        Remember(id, ownerId, session.Revision, json, session.Expires);
        return json;
    }

    public Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var (id, cached) in _cache)
        {
            if (cached.Expires <= now)
            {
                Forget(id);
            }
        }
        return store.PurgeExpiredSessionsAsync(now, cancellationToken);
    }

    private void Remember(string id, string ownerId, int revision, byte[] json, DateTimeOffset expires)
    {
        if (json.Length > MaxCachedBytes / 16)
        {
            return;
        }
        if (Interlocked.Add(ref _cachedBytes, json.Length) > MaxCachedBytes)
        {
            // Cheap bound on memory: drop everything and let later reads refill what is still in use.
            // Concurrent additions can make the count approximate; each reset corrects it.
            _cache.Clear();
            Interlocked.Exchange(ref _cachedBytes, json.Length);
        }
        if (!_cache.TryAdd(id, new CachedSession(ownerId, revision, json, expires)))
        {
            Interlocked.Add(ref _cachedBytes, -json.Length);
        }
    }

    private void Forget(string id)
    {
        if (_cache.TryRemove(id, out var removed))
        {
            Interlocked.Add(ref _cachedBytes, -removed.Json.Length);
        }
    }

    public ValueTask DisposeAsync() => _inserts.DisposeAsync();

    // 48 bits of milliseconds, then 80 random bits: sessions opened one after another sort next to
    // each other, so inserting one touches the last page of the id index rather than a random one.
    private static string NewId(DateTimeOffset now)
    {
        Span<byte> id = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(id, now.ToUnixTimeMilliseconds() << 16);
        RandomNumberGenerator.Fill(id[6..]);
        return Convert.ToHexStringLower(id);
    }

    private sealed record CachedSession(string OwnerId, int Revision, byte[] Json, DateTimeOffset Expires);
}
