using Coffer.Language.Hosting;

namespace Coffer.Language.Tests.Conformance;

/// <summary>Loads the environments of a case from <c>&lt;case&gt;/&lt;name&gt;.yaml</c>; ciphertexts use rot128.</summary>
internal sealed class CaseFiles(string caseDirectory, TimeSpan loadDelay = default) : IEnvironmentLoader
{
    public async ValueTask<LoadedEnvironment> LoadAsync(string name, CancellationToken cancellationToken)
    {
        if (loadDelay > TimeSpan.Zero)
        {
            await Task.Delay(loadDelay, cancellationToken);
        }
        var path = Path.Combine(caseDirectory, name + ".yaml");
        if (name.Contains("..", StringComparison.Ordinal) || !File.Exists(path))
        {
            throw new EnvironmentLoadException($"environment {name} not found: open {name}.yaml: no such file or directory");
        }
        return new LoadedEnvironment(await File.ReadAllBytesAsync(path, cancellationToken), Rot128.Instance);
    }
}

/// <summary>The kit's test cipher: add 128 to every byte.</summary>
internal sealed class Rot128 : ISecretDecrypter, ISecretEncrypter
{
    public static readonly Rot128 Instance = new();

    public ValueTask<byte[]> DecryptAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Rotate(payload.Span));

    public ValueTask<byte[]> EncryptAsync(ReadOnlyMemory<byte> plaintext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Rotate(plaintext.Span));

    private static byte[] Rotate(ReadOnlySpan<byte> bytes)
    {
        var result = new byte[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            result[i] = (byte)(bytes[i] + 128);
        }
        return result;
    }
}
