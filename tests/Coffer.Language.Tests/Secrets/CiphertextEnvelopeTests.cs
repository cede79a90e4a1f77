using System.Text;
using System.Text.Json.Nodes;
using Coffer.Language.Secrets;
using Coffer.Language.Tests.Conformance;

namespace Coffer.Language.Tests.Secrets;

public sealed class CiphertextEnvelopeTests
{
    public static TheoryData<string, string> IndexedSecrets()
    {
        // The kit's index lists some secrets more than once; xunit would report the repeats as skipped duplicates.
        var data = new TheoryData<string, string>();
        var seen = new HashSet<(string, string)>();
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(RepositoryPaths.TestProvidersFile)!, "crypt", "secrets.index.json")))!;
        foreach (var secret in index["secrets"]!.AsArray())
        {
            var pair = (secret!["plaintext"]!.GetValue<string>(), secret["ciphertext"]!.GetValue<string>());
            if (seen.Add(pair))
            {
                data.Add(pair.Item1, pair.Item2);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(IndexedSecrets))]
    public async Task Encrypting_with_rot128_gives_the_kits_ciphertext_and_back(string plaintext, string ciphertext)
    {
        var payload = await Rot128.Instance.EncryptAsync(Encoding.UTF8.GetBytes(plaintext), default);
        Assert.Equal(ciphertext, CiphertextEnvelope.Encode(payload));
        Assert.True(CiphertextEnvelope.TryDecode(ciphertext, out var decoded, out var error), error);
        Assert.Equal(plaintext, Encoding.UTF8.GetString(await Rot128.Instance.DecryptAsync(decoded, default)));
    }

    [Theory]
    [InlineData("hunter23", "EOF")]
    [InlineData("not base64!", "illegal base64 data at input byte 3")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAA==", "invalid header")]
    [InlineData("ZXNjeAAAAAHo9e705fKyKo30Vg==", "invalid checksum")]
    public void Damaged_ciphertexts_are_rejected_with_the_reason(string ciphertext, string reason)
    {
        Assert.False(CiphertextEnvelope.TryDecode(ciphertext, out _, out var error));
        Assert.Equal(reason, error);
    }

    [Fact]
    public void An_unknown_version_is_rejected()
    {
        var bytes = Convert.FromBase64String(CiphertextEnvelope.Encode([1, 2, 3, 4]));
        bytes[7] = 2;
        var crc = CiphertextEnvelope.Crc32(bytes.AsSpan(0, bytes.Length - 4));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(bytes.Length - 4), crc);
        Assert.False(CiphertextEnvelope.TryDecode(Convert.ToBase64String(bytes), out _, out var error));
        Assert.Equal("unsupported version", error);
    }
}
