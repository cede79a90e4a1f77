using System.CommandLine;
using Coffer.Cli.CommandLine;

namespace Coffer.Cli.Commands;

/// <summary>
/// <c>coffer completion bash</c>: prints a script that makes the shell complete coffer's commands
/// and options. The script asks coffer itself (the command line's <c>[suggest]</c> directive), so
/// completions always match the coffer that runs, its commands and options included.
/// </summary>
internal sealed class CompletionCommand
{
    public static readonly CommandHelp Help = new(
        "Print a script that completes coffer's commands and options in your shell.",
        """
        Tab completion for bash: commands, subcommands and options, and the values of options
        that take one of a few words (--format, for example). Where coffer has nothing to offer,
        such as a file name, the shell's own completion applies. The script calls the coffer
        being completed (at the path you typed, or the one on PATH), so it stays right after an
        upgrade; load it again only when you change shells.
        """,
        [
            new("Complete coffer in this shell:", "source <(coffer completion bash)"),
            new("In every new shell:", "echo 'source <(coffer completion bash)' >> ~/.bashrc"),
        ]);

    // COMP_WORDS[0] is the command as typed (coffer, ./coffer, a full path), which is called with
    // the line and the cursor. Options are offered only for a word that starts with "-", so that
    // where coffer expects a file (coffer eval <TAB>) the shell completes file names; the "/?"
    // style aliases never.
    private const string BashScript = """
        # Tab completion of coffer for bash: source <(coffer completion bash)
        _coffer_completion() {
            local program=${COMP_WORDS[0]} word=${COMP_WORDS[COMP_CWORD]}
            local IFS=$'\n' suggestion
            local -a offered=()
            while read -r suggestion; do
                [[ $suggestion == /* || ($word != -* && $suggestion == -*) ]] || offered+=("$suggestion")
            done < <("$program" "[suggest:$COMP_POINT]" "$COMP_LINE" 2>/dev/null)
            COMPREPLY=($(compgen -W "${offered[*]}" -- "$word"))
        }
        complete -o default -F _coffer_completion coffer

        """;

    private readonly Argument<string> _shell = new Argument<string>("shell")
    {
        Description = "The shell: bash.",
    }.AcceptOnlyFromAmong("bash");

    public CompletionCommand()
    {
        Command = new Command("completion", Help.Summary) { _shell };
        Command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Output.Write(BashScript);
            return 0;
        });
    }

    public Command Command { get; }
}
