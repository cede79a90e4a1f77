using Coffer.Cli.Tests.Support;

namespace Coffer.Cli.Tests.Integrations;

/// <summary>
/// <c>coffer completion bash</c> loaded into the real bash, which then completes command lines the
/// way it does at a prompt: the completion function is called with the line, the cursor and the
/// words bash would give it, and what it offers is compared.
/// </summary>
public sealed class CompletionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("coffer ", "audit completion env eval login logout open org password run team token whoami")]
    [InlineData("coffer en", "env")]
    [InlineData("coffer env ver", "version")]
    [InlineData("coffer env version h", "history")]
    [InlineData("coffer env get --sh", "--show-secrets")]
    [InlineData("coffer open payments/app --format d", "detailed docker-env dotenv")]
    [InlineData("coffer env ls --format ", "json text")]
    [InlineData("coffer completion ", "bash")]
    // Where coffer expects a file or an environment it offers nothing, and bash completes file names.
    [InlineData("coffer eval ", "")]
    [InlineData("coffer run --local ", "")]
    public async Task Bash_completes_what_coffer_suggests_at_the_end_of_the_line(string line, string expected)
    {
        var offered = await CompleteAsync(line, line.Length);

        Assert.Equal(expected, offered);
    }

    [Fact]
    public async Task Bash_completes_the_word_under_the_cursor_in_the_middle_of_a_line()
    {
        var offered = await CompleteAsync("coffer env ver payments/app --utc", "coffer env ver".Length);

        Assert.Equal("version", offered);
    }

    [Fact]
    public async Task Bash_completes_a_coffer_run_by_its_path()
    {
        var offered = await CompleteAsync("coffer env ta", "coffer env ta".Length, program: "$(command -v coffer)");

        Assert.Equal("tag", offered);
    }

    [Fact]
    public async Task The_script_falls_back_to_file_names_where_coffer_offers_nothing()
    {
        var result = await BashAsync("source <(coffer completion bash)\ncomplete -p coffer\n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("complete -o default -F _coffer_completion coffer\n", result.Stdout);
    }

    [Fact]
    public async Task Another_shell_is_refused_with_the_shells_there_are()
    {
        var result = await CofferCli.RunAsync(_folder.Path, "completion", "fish");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("'fish' not recognized", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'bash'", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    /// <summary>
    /// What the completion function offers for <paramref name="line"/> (which starts with
    /// "coffer ") with the cursor at <paramref name="cursor"/>, called as bash calls it: COMP_LINE,
    /// COMP_POINT, and the words up to the cursor, the one being completed last. The first word is
    /// <paramref name="program"/> as bash expands it.
    /// </summary>
    private async Task<string> CompleteAsync(string line, int cursor, string program = "coffer")
    {
        const string Coffer = "coffer ";
        Assert.StartsWith(Coffer, line, StringComparison.Ordinal);
        var script = $$"""
            source <(coffer completion bash)
            program="{{program}}"
            rest='{{line[Coffer.Length..]}}'
            COMP_LINE="$program $rest"
            COMP_POINT=$(( ${#program} + 1 + {{cursor - Coffer.Length}} ))
            read -ra COMP_WORDS <<<"${COMP_LINE:0:COMP_POINT}"
            [[ ${COMP_LINE:0:COMP_POINT} == *" " ]] && COMP_WORDS+=("")
            COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            _coffer_completion
            echo "${COMPREPLY[*]}"
            """;
        var result = await BashAsync(script);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Stdout.TrimEnd('\n');
    }

    private Task<CliResult> BashAsync(string script) =>
        CofferCli.RunWithCofferOnPathAsync(_folder.Path, "bash", new Dictionary<string, string?>(), "-c", script);
}
