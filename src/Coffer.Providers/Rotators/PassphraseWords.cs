namespace Coffer.Providers.Rotators;

/// <summary>
/// The passphrase rotator's word list: short, common English words, one per line, written for
/// Coffer (so it carries no third-party licence) and embedded in this assembly.
/// </summary>
internal static class PassphraseWords
{
    private static readonly Lazy<IReadOnlyList<string>> Words = new(Load);

    public static IReadOnlyList<string> All => Words.Value;

    private static string[] Load()
    {
        using var stream = typeof(PassphraseWords).Assembly.GetManifestResourceStream("Coffer.Providers.Rotators.words.txt")
            ?? throw new InvalidOperationException("the passphrase word list is missing from the assembly");
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
    }
}
