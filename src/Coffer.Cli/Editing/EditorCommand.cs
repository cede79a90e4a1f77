using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using Coffer.Cli.CommandLine;
using Coffer.Cli.Processes;

namespace Coffer.Cli.Editing;

/// <summary>
/// The user's editor: <c>--editor</c>, else <c>$VISUAL</c>, else <c>$EDITOR</c>, else <c>vi</c>. The
/// command is split like a shell would split it (quotes group words), then run directly — with
/// coffer's terminal — on the file to edit.
/// </summary>
internal sealed class EditorCommand
{
    private readonly IReadOnlyList<string> _words;

    private EditorCommand(IReadOnlyList<string> words) => _words = words;

    public static EditorCommand Choose(string? option)
    {
        var text = new[] { option, Environment.GetEnvironmentVariable("VISUAL"), Environment.GetEnvironmentVariable("EDITOR") }
            .FirstOrDefault(t => !string.IsNullOrWhiteSpace(t)) ?? "vi";
        var words = Split(text);
        if (words.Count == 0)
        {
            throw new CommandFailure($"the editor command \"{text}\" is empty");
        }
        // VS Code returns at once unless told to wait for the file to be closed.
        if (Path.GetFileName(words[0]) is "code" or "code-insiders" && !words.Contains("-w") && !words.Contains("--wait"))
        {
            words.Add("--wait");
        }
        return new EditorCommand(words);
    }

    /// <summary>Runs the editor on <paramref name="file"/> and waits for it; a failing editor is an error.</summary>
    public async Task EditAsync(string file, CancellationToken cancellationToken)
    {
        var executable = ExecutableLookup.Find(_words[0]) ?? throw new CommandFailure($"editor not found: {_words[0]} (set VISUAL or EDITOR, or pass --editor)");
        var info = new ProcessStartInfo(executable) { UseShellExecute = false };
        foreach (var word in _words.Skip(1))
        {
            info.ArgumentList.Add(word);
        }
        info.ArgumentList.Add(file);
        try
        {
            using var process = Process.Start(info)!;
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw new CommandFailure($"the editor {_words[0]} exited with code {process.ExitCode}; your text is in {file}");
            }
        }
        catch (Win32Exception ex)
        {
            throw new CommandFailure($"cannot run the editor {_words[0]}: {ex.Message}", ex);
        }
    }

    private static List<string> Split(string text)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in text)
        {
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(current.ToString());
                    current.Clear();
                    inWord = false;
                }
            }
            else
            {
                current.Append(c);
                inWord = true;
            }
        }
        if (inWord)
        {
            words.Add(current.ToString());
        }
        return words;
    }
}
