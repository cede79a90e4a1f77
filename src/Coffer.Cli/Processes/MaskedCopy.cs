namespace Coffer.Cli.Processes;

/// <summary>Copies a program's output stream to coffer's, a line at a time, through a <see cref="SecretMasker"/>.</summary>
internal static class MaskedCopy
{
    // A line longer than this is masked and written in parts rather than held in memory: a secret
    // that straddles the cut is missed, which is the price of bounded memory.
    private const int MaxHeldBytes = 1 << 20;

    public static async Task RunAsync(Stream input, Stream output, SecretMasker masker)
    {
        var buffer = new byte[16 * 1024];
        using var line = new MemoryStream();
        int read;
        while ((read = await input.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            var start = 0;
            while (start < read)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', start, read - start);
                if (newline < 0)
                {
                    line.Write(buffer, start, read - start);
                    if (line.Length >= MaxHeldBytes)
                    {
                        Flush(line, output, masker);
                    }
                    break;
                }
                line.Write(buffer, start, newline + 1 - start);
                Flush(line, output, masker);
                start = newline + 1;
            }
        }
        Flush(line, output, masker);
    }

    private static void Flush(MemoryStream line, Stream output, SecretMasker masker)
    {
        if (line.Length == 0)
        {
            return;
        }
        masker.Mask(line.GetBuffer().AsSpan(0, (int)line.Length), output);
        output.Flush();
        line.SetLength(0);
    }
}
