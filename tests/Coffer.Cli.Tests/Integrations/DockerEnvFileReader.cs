namespace Coffer.Cli.Tests.Integrations;

/// <summary>
/// Reads a file as <c>docker run --env-file</c> does, so the docker-env format can be checked without
/// a Docker daemon. The rules follow parseKeyValueFile in docker/cli (pkg/kvfile/kvfile.go, formerly
/// opts/envfile.go), which Docker's own documentation for --env-file points to:
/// <list type="bullet">
/// <item>the file is read with a line scanner: lines end at "\n", and one "\r" before it is dropped;</item>
/// <item>a UTF-8 byte order mark at the start of the first line is removed;</item>
/// <item>leading whitespace of each line is trimmed; empty lines and lines starting with "#" are ignored;</item>
/// <item>a line is split at its first "=": the name must not be empty or contain whitespace, and the
/// value is taken verbatim — quotes, "#", "=" and trailing spaces included, no escapes;</item>
/// <item>a line without "=" takes the variable from the host's environment (and is left out when the
/// host does not have it).</item>
/// </list>
/// </summary>
public static class DockerEnvFileReader
{
    public static IReadOnlyList<KeyValuePair<string, string>> Read(string content, Func<string, string?> hostVariable)
    {
        var result = new List<KeyValuePair<string, string>>();
        var lines = content.Split('\n');
        // The scanner yields no final empty token after a trailing "\n".
        var count = content.EndsWith('\n') ? lines.Length - 1 : lines.Length;
        for (var i = 0; i < count; i++)
        {
            var line = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            if (i == 0 && line.StartsWith('\uFEFF'))
            {
                line = line[1..];
            }
            line = line.TrimStart();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? line : line[..equals];
            if (name.Length == 0 || name.Any(char.IsWhiteSpace))
            {
                throw new FormatException($"line {i + 1}: Docker refuses the variable name \"{name}\"");
            }
            if (equals >= 0)
            {
                result.Add(new(name, line[(equals + 1)..]));
            }
            else if (hostVariable(name) is { } value)
            {
                result.Add(new(name, value));
            }
        }
        return result;
    }
}
