namespace Coffer.Cli.Output;

/// <summary>The ways <c>coffer eval</c> can print an environment.</summary>
internal enum OutputFormat
{
    Json,
    Yaml,
    Dotenv,
    DockerEnv,
    Shell,
    String,
    Detailed,
}

internal static class OutputFormats
{
    public static readonly IReadOnlyList<string> Names = ["json", "yaml", "dotenv", "docker-env", "shell", "string", "detailed"];

    public static bool TryParse(string text, out OutputFormat format)
    {
        format = text switch
        {
            "json" => OutputFormat.Json,
            "yaml" => OutputFormat.Yaml,
            "dotenv" => OutputFormat.Dotenv,
            "docker-env" => OutputFormat.DockerEnv,
            "shell" => OutputFormat.Shell,
            "string" => OutputFormat.String,
            "detailed" => OutputFormat.Detailed,
            _ => (OutputFormat)(-1),
        };
        return Enum.IsDefined(format);
    }

    /// <summary>True for the formats that print variables for a process rather than a value.</summary>
    public static bool IsProjection(this OutputFormat format) => format is OutputFormat.Dotenv or OutputFormat.DockerEnv or OutputFormat.Shell;
}
