using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Coffer.Server.Crypto;
using Coffer.Server.Sessions;

namespace Coffer.Server.Tests.Sessions;

public sealed class SessionPayloadTests
{
    private static readonly RootKey Key = RootKey.Generate();

    // Shaped like a real session: many values, each with the same trace structure around it.
    private static readonly byte[] Json = Encoding.UTF8.GetBytes(
        "{\"properties\":{" + string.Join(",", Enumerable.Range(1, 50).Select(i =>
            $"\"setting{i}\":{{\"value\":\"value-{i}\",\"trace\":{{\"def\":{{\"environment\":\"bench/app\",\"begin\":{{\"line\":{i},\"column\":7,\"byte\":{i * 31}}},\"end\":{{\"line\":{i},\"column\":29,\"byte\":{i * 31 + 22}}}}}}}}}")) + "}}");

    [Fact]
    public void A_sealed_session_opens_to_the_same_json()
    {
        var payload = SessionPayload.Seal(Key, "s1", Json);

        Assert.Equal(Json, SessionPayload.Open(Key, "s1", payload));
    }

    [Fact]
    public void The_json_is_compressed_before_it_is_encrypted()
    {
        var payload = SessionPayload.Seal(Key, "s1", Json);

        Assert.Equal(2, payload[0]);
        Assert.True(payload.Length < Json.Length / 4, $"{payload.Length} bytes stored for {Json.Length} bytes of JSON");
        Assert.DoesNotContain("value-1", Encoding.Latin1.GetString(payload), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_session_round_trips()
    {
        Assert.Equal("{}"u8.ToArray(), SessionPayload.Open(Key, "s1", SessionPayload.Seal(Key, "s1", "{}"u8)));
    }

    [Fact]
    public void A_payload_does_not_open_as_another_session()
    {
        var payload = SessionPayload.Seal(Key, "s1", Json);

        Assert.ThrowsAny<CryptographicException>(() => SessionPayload.Open(Key, "s2", payload));
    }

    [Fact]
    public void A_payload_does_not_open_under_another_root_key()
    {
        var payload = SessionPayload.Seal(Key, "s1", Json);

        Assert.ThrowsAny<CryptographicException>(() => SessionPayload.Open(RootKey.Generate(), "s1", payload));
    }

    [Fact]
    public void An_altered_payload_does_not_open()
    {
        var payload = SessionPayload.Seal(Key, "s1", Json);
        payload[^20] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => SessionPayload.Open(Key, "s1", payload));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(40)]
    public void A_truncated_payload_is_refused_as_a_cryptographic_failure(int length)
    {
        var payload = SessionPayload.Seal(Key, "s1", Json);

        Assert.ThrowsAny<CryptographicException>(() => SessionPayload.Open(Key, "s1", payload[..length]));
    }

    [Fact]
    public void Sessions_stored_by_earlier_servers_uncompressed_still_open()
    {
        // Version 1: length(2) ‖ wrapped key ‖ box of the plain JSON, as servers before compression wrote it.
        var sessionKey = RandomNumberGenerator.GetBytes(32);
        var wrapped = Key.Wrap(sessionKey, "session:old");
        var box = AesGcmBox.Seal(sessionKey, Json, "coffer/session/v1:old");
        var payload = new byte[2 + wrapped.Length + box.Length];
        BinaryPrimitives.WriteUInt16BigEndian(payload, (ushort)wrapped.Length);
        wrapped.CopyTo(payload, 2);
        box.CopyTo(payload, 2 + wrapped.Length);

        Assert.Equal(Json, SessionPayload.Open(Key, "old", payload));
    }
}
