using System.Globalization;
using System.Text;

namespace Coffer.Cli.Tests.Scenarios;

/// <summary>Who the command under test runs as (setup commands run as the administrator unless stated).</summary>
public enum ScenarioIdentity
{
    /// <summary>The server's administrator, through COFFER_URL and COFFER_ACCESS_TOKEN.</summary>
    Admin,

    /// <summary>No COFFER_* variables: only what the scenario's own credentials file holds (setup runs this way too).</summary>
    Stored,

    /// <summary>A team token that may only read the scenario's project.</summary>
    Reader,

    /// <summary>The administrator's token, aimed at a loopback port nobody listens on.</summary>
    Offline,
}

/// <summary>
/// One golden scenario, read from a <c>.scenario</c> file: files to write, setup commands, the
/// command under test with its standard input, and what it must print and exit with. See README.md.
/// </summary>
public sealed record ScenarioFile(
    string Name,
    IReadOnlyDictionary<string, string> Files,
    IReadOnlyList<string> Setup,
    ScenarioIdentity Identity,
    string Run,
    string Stdin,
    int ExitCode,
    string Stdout,
    string Stderr)
{
    private const string Marker = "=== ";

    public static ScenarioFile Parse(string name, string text)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var setup = new List<string>();
        var identity = ScenarioIdentity.Admin;
        string? run = null;
        string stdin = "", stdout = "", stderr = "";
        int? exitCode = null;
        var sections = Sections(name, text.ReplaceLineEndings("\n"));
        foreach (var (header, lines) in sections)
        {
            var parts = header.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            var argument = parts.Length > 1 ? parts[1].Trim() : "";
            switch (parts[0])
            {
                case "file":
                    files.Add(argument, Text(lines));
                    break;
                case "setup":
                    setup.AddRange(lines.Where(IsCommand));
                    break;
                case "as":
                    identity = Enum.Parse<ScenarioIdentity>(argument, ignoreCase: true);
                    break;
                case "run":
                    run = string.Join(' ', lines.Where(IsCommand)).Trim();
                    break;
                case "stdin":
                    stdin = Text(lines);
                    break;
                case "exit":
                    exitCode = int.Parse(argument, NumberStyles.None, CultureInfo.InvariantCulture);
                    break;
                case "stdout":
                    stdout = Text(lines, argument);
                    break;
                case "stderr":
                    stderr = Text(lines, argument);
                    break;
                default:
                    throw new FormatException($"{name}: unknown section \"{Marker}{header}\"");
            }
        }
        return new ScenarioFile(
            name,
            files,
            setup,
            identity,
            run ?? throw new FormatException($"{name}: no \"{Marker}run\" section"),
            stdin,
            exitCode ?? throw new FormatException($"{name}: no \"{Marker}exit N\" section"),
            stdout,
            stderr);
    }

    /// <summary>Splits a command line into arguments: spaces separate, '…' and "…" quote (no escapes).</summary>
    public static IReadOnlyList<string> Arguments(string commandLine)
    {
        var arguments = new List<string>();
        var current = new StringBuilder();
        var inArgument = false;
        char? quote = null;
        foreach (var c in commandLine)
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
            else if (c is '\'' or '"')
            {
                quote = c;
                inArgument = true;
            }
            else if (c == ' ')
            {
                if (inArgument)
                {
                    arguments.Add(current.ToString());
                    current.Clear();
                    inArgument = false;
                }
            }
            else
            {
                current.Append(c);
                inArgument = true;
            }
        }
        if (quote is not null)
        {
            throw new FormatException($"unclosed {quote} in: {commandLine}");
        }
        if (inArgument)
        {
            arguments.Add(current.ToString());
        }
        return arguments;
    }

    public override string ToString() => Name;

    /// <summary>Command sections skip blank lines and # comments.</summary>
    private static bool IsCommand(string line) => line.Trim().Length > 0 && !line.TrimStart().StartsWith('#');

    private static List<(string Header, List<string> Lines)> Sections(string name, string text)
    {
        var sections = new List<(string, List<string>)>();
        var lines = text.Split('\n');
        // A file ends with a newline; the empty string after it is not a line.
        var count = text.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            var line = lines[i];
            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                sections.Add((line[Marker.Length..], []));
            }
            else if (sections.Count > 0)
            {
                sections[^1].Item2.Add(line);
            }
            else if (line.Length > 0 && !line.StartsWith('#'))
            {
                throw new FormatException($"{name}:{i + 1}: text before the first section must be # comments");
            }
        }
        return sections;
    }

    /// <summary>The lines as text, each ending with a newline; no lines is the empty text.</summary>
    private static string Text(List<string> lines) => lines.Count == 0 ? "" : string.Join('\n', lines) + "\n";

    /// <summary>Output text; <c>no-newline</c> after the section name says its last line has none (a prompt).</summary>
    private static string Text(List<string> lines, string argument) => argument switch
    {
        "" => Text(lines),
        "no-newline" => Text(lines).TrimEnd('\n'),
        _ => throw new FormatException($"unknown option \"{argument}\" of an output section: only no-newline"),
    };
}
