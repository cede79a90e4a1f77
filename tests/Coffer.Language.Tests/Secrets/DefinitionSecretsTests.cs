using Coffer.Language.Declarations;
using Coffer.Language.Secrets;
using Coffer.Language.Tests.Conformance;

namespace Coffer.Language.Tests.Secrets;

/// <summary>The kit's crypt pairs: the same document before and after encrypting its secrets with rot128.</summary>
public sealed class DefinitionSecretsTests
{
    private static string CryptFile(string name) =>
        File.ReadAllText(Path.Combine(Path.GetDirectoryName(RepositoryPaths.TestProvidersFile)!, "crypt", name));

    public static TheoryData<string> Pairs => ["trivia", "symbols", "open", "omnibus"];

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Encrypting_the_plaintext_file_gives_the_ciphertext_file(string name)
    {
        var encrypted = await DefinitionSecrets.EncryptAsync(CryptFile($"{name}.plaintext.yaml"), Rot128.Instance);
        Assert.Equal(CryptFile($"{name}.ciphertext.yaml"), encrypted);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Decrypting_the_ciphertext_file_gives_the_plaintext_file(string name)
    {
        var decrypted = await DefinitionSecrets.DecryptAsync(CryptFile($"{name}.ciphertext.yaml"), Rot128.Instance);
        Assert.Equal(CryptFile($"{name}.plaintext.yaml"), decrypted);
    }

    [Fact]
    public async Task Awkward_plaintexts_survive_a_round_trip()
    {
        const string yaml = "values:\n  a: {fn::secret: \"with: colon # and hash\"}\n  b:\n    fn::secret: |\n      two\n      lines\n  c:\n    fn::secret: \"tab\\tquote\\\"\"\n";
        var encrypted = await DefinitionSecrets.EncryptAsync(yaml, Rot128.Instance);
        Assert.DoesNotContain("colon", encrypted, StringComparison.Ordinal);
        var decrypted = await DefinitionSecrets.DecryptAsync(encrypted, Rot128.Instance);
        var original = await new EnvironmentEvaluator().EvaluateAsync(EnvironmentDefinition.Parse("x", yaml));
        var roundTrip = await new EnvironmentEvaluator().EvaluateAsync(EnvironmentDefinition.Parse("x", decrypted));
        Assert.Equal(original.Value!.ToJson(reveal: true), roundTrip.Value!.ToJson(reveal: true));
        Assert.Equal("""{"a":"with: colon # and hash","b":"two\nlines\n","c":"tab\tquote\""}""", roundTrip.Value.ToJson(reveal: true));
    }

    [Fact]
    public async Task A_dollar_in_a_secret_means_the_same_before_encrypting_after_and_when_edited()
    {
        const string yaml = "values:\n  a: {fn::secret: \"pa$$word\"}\n  b: {fn::secret: \"$${not} interpolated\"}\n";
        var original = await new EnvironmentEvaluator().EvaluateAsync(EnvironmentDefinition.Parse("x", yaml));

        var encrypted = await DefinitionSecrets.EncryptAsync(yaml, Rot128.Instance);
        var stored = await new EnvironmentEvaluator().EvaluateAsync(EnvironmentDefinition.Parse("x", encrypted), new() { Decrypter = Rot128.Instance });
        var edited = await DefinitionSecrets.DecryptAsync(encrypted, Rot128.Instance);

        Assert.Equal("""{"a":"pa$word","b":"${not} interpolated"}""", original.Value!.ToJson(reveal: true));
        Assert.Equal(original.Value.ToJson(reveal: true), stored.Value!.ToJson(reveal: true));
        var reread = await new EnvironmentEvaluator().EvaluateAsync(EnvironmentDefinition.Parse("x", edited));
        Assert.Equal(original.Value.ToJson(reveal: true), reread.Value!.ToJson(reveal: true));
        Assert.Contains("pa$$word", edited, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_secret_that_interpolates_is_left_for_the_diagnostics_to_refuse()
    {
        const string yaml = "values:\n  a: {fn::secret: \"${b}\"}\n  b: x\n";
        Assert.Equal(yaml, await DefinitionSecrets.EncryptAsync(yaml, Rot128.Instance));
    }

    [Fact]
    public async Task Ciphertexts_outside_values_are_not_decrypted_for_editing()
    {
        const string yaml = "description: {fn::secret: {ciphertext: ZXNjeAAAAAHo9e705fKyKo30VQ==}}\nvalues:\n  x: {fn::secret: {ciphertext: ZXNjeAAAAAHo9e705fKyKo30VQ==}}\n";
        var decrypted = await DefinitionSecrets.DecryptAsync(yaml, Rot128.Instance);
        Assert.Equal("description: {fn::secret: {ciphertext: ZXNjeAAAAAHo9e705fKyKo30VQ==}}\nvalues:\n  x: {fn::secret: hunter2}\n", decrypted);
    }

    [Fact]
    public async Task A_damaged_ciphertext_is_reported_with_its_path()
    {
        var error = await Assert.ThrowsAsync<FormatException>(() => DefinitionSecrets.DecryptAsync("values:\n  x: {fn::secret: {ciphertext: AAAA}}\n", Rot128.Instance));
        Assert.Equal("values.x: invalid ciphertext: EOF", error.Message);
    }

    [Fact]
    public async Task Reencrypting_changes_only_the_ciphertexts()
    {
        var source = CryptFile("omnibus.ciphertext.yaml");
        var reencrypted = await DefinitionSecrets.ReencryptAsync(source, Rot128.Instance, new XorCipher());
        Assert.NotEqual(source, reencrypted);
        Assert.Equal(source.Split('\n').Length, reencrypted.Split('\n').Length);
        var plaintext = await DefinitionSecrets.DecryptAsync(reencrypted, new XorCipher());
        Assert.Equal(CryptFile("omnibus.plaintext.yaml"), plaintext);
    }

    private sealed class XorCipher : Coffer.Language.Hosting.ISecretEncrypter, Coffer.Language.Hosting.ISecretDecrypter
    {
        public ValueTask<byte[]> EncryptAsync(ReadOnlyMemory<byte> plaintext, CancellationToken cancellationToken) => ValueTask.FromResult(plaintext.ToArray().Select(b => (byte)(b ^ 0x5a)).ToArray());

        public ValueTask<byte[]> DecryptAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => EncryptAsync(payload, cancellationToken);
    }
}
