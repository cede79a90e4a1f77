namespace Coffer.Cli.Local;

/// <summary>The bytes of a definition file as the language reads them.</summary>
internal static class DefinitionBytes
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Drops a UTF-8 byte order mark: some editors write one, and the language would otherwise read
    /// it as part of the first key.
    /// </summary>
    public static ReadOnlyMemory<byte> WithoutByteOrderMark(byte[] bytes) =>
        bytes.AsSpan().StartsWith(ByteOrderMark) ? bytes.AsMemory(ByteOrderMark.Length) : bytes;
}
