using Coffer.Language.Values;

namespace Coffer.Cli.Output;

/// <summary>Renders a value in the formats that print values (every format but dotenv and shell).</summary>
internal static class ValueOutput
{
    public static string Render(EscValue value, OutputFormat format, ValueRendering rendering) => format switch
    {
        OutputFormat.Json => ValueJson.Render(value, rendering, indented: true) + "\n",
        OutputFormat.Yaml => ValueText.ToYaml(value, rendering),
        OutputFormat.String => ValueText.ToText(value, rendering) + "\n",
        OutputFormat.Detailed => ValueJson.RenderDetailed(value, rendering, indented: true) + "\n",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "not a value format"),
    };
}
