using System.Text;

namespace Coffer.Cli.CommandLine;

/// <summary>
/// Reads a secret (a password) from standard input: at a prompt that does not echo on a terminal,
/// else one line of piped input, so scripts can pass it without putting it on a command line.
/// </summary>
internal static class SecretInput
{
    public static string Read(TextWriter prompt, string label) =>
        ReadLine(prompt, $"{char.ToUpperInvariant(label[0])}{label[1..]}: ")
            ?? throw new CommandFailure($"no {label} given: standard input ended");

    /// <summary>One line: typed after <paramref name="promptText"/> without echo on a terminal, else read from the pipe; null when the input ended.</summary>
    public static string? ReadLine(TextWriter prompt, string promptText)
    {
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine();
        }
        prompt.Write(promptText);
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }
            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }
        prompt.Write("\n");
        return typed.ToString();
    }

    /// <summary>A new password: asked twice at a terminal (a typo would lock the user out), once from a pipe.</summary>
    public static string ReadNew(TextWriter prompt, string label)
    {
        var password = Read(prompt, label);
        if (!Console.IsInputRedirected && Read(prompt, $"{label} again") != password)
        {
            throw new CommandFailure("the two passwords differ: nothing was changed");
        }
        return password;
    }
}
