namespace Coffer.Cli.Tests.Integrations;

/// <summary>
/// Reads a $GITHUB_ENV file as the GitHub Actions runner does (SetEnvFileCommand in actions/runner):
/// a line <c>NAME=VALUE</c> sets one variable; a line <c>NAME&lt;&lt;DELIMITER</c> starts a value made of
/// the following lines, joined with "\n", up to a line that is exactly the delimiter.
/// </summary>
public static class GitHubEnvFileReader
{
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string content)
    {
        var result = new List<KeyValuePair<string, string>>();
        var lines = content.Split('\n');
        var count = content.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                continue;
            }
            var heredoc = line.IndexOf("<<", StringComparison.Ordinal);
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0 && (heredoc < 0 || equals < heredoc))
            {
                result.Add(new(line[..equals], line[(equals + 1)..]));
                continue;
            }
            if (heredoc <= 0)
            {
                throw new FormatException($"line {i + 1} is neither NAME=VALUE nor NAME<<DELIMITER");
            }
            var delimiter = line[(heredoc + 2)..];
            var end = Array.IndexOf(lines, delimiter, i + 1);
            if (end < 0 || end >= count)
            {
                throw new FormatException($"the value started at line {i + 1} does not end with {delimiter}");
            }
            result.Add(new(line[..heredoc], string.Join('\n', lines[(i + 1)..end])));
            i = end;
        }
        return result;
    }
}
