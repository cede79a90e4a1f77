using System.Text;
using Coffer.Cli.CommandLine;

namespace Coffer.Cli.Definitions;

/// <summary>A definition given with <c>--file</c>: a file, or standard input for <c>-</c>.</summary>
internal static class DefinitionInput
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = path == "-"
                ? await ReadStandardInputAsync(cancellationToken).ConfigureAwait(false)
                : await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
            var text = StrictUtf8.GetString(bytes);
            return text.StartsWith('\uFEFF') ? text[1..] : text;
        }
        catch (DecoderFallbackException ex)
        {
            throw new CommandFailure($"{DisplayName(path)} is not UTF-8 text", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailure($"cannot read {DisplayName(path)}: {ex.Message}", ex);
        }
    }

    public static string DisplayName(string path) => path == "-" ? "standard input" : path;

    private static async Task<byte[]> ReadStandardInputAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using var input = Console.OpenStandardInput();
        await input.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }
}
