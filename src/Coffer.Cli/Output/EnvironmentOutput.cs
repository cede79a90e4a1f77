using Coffer.Cli.CommandLine;
using Coffer.Cli.Variables;
using Coffer.Language.Projection;
using Coffer.Language.Syntax;
using Coffer.Language.Values;

namespace Coffer.Cli.Output;

/// <summary>
/// How an evaluated environment is printed — the same for local files (<c>coffer eval</c>) and
/// environments on a server (<c>coffer env open</c>, <c>coffer env get --value</c>): a format, an
/// optional property path, and whether secrets show.
/// </summary>
internal sealed record EnvironmentOutput(OutputFormat Format, string FormatName, PropertyPath? Path, ValueRendering Rendering)
{
    /// <summary>Validates the format and path as the user wrote them; <paramref name="pathOption"/> names the path in errors.</summary>
    public static EnvironmentOutput Parse(string formatText, string? pathText, ValueRendering rendering, string pathOption = "--path", string formatOption = "--format")
    {
        if (!OutputFormats.TryParse(formatText, out var format))
        {
            throw new CommandFailure($"unknown output format \"{formatText}\": expected {string.Join(", ", OutputFormats.Names)}");
        }
        PropertyPath? path = null;
        if (pathText is not null)
        {
            if (format.IsProjection())
            {
                throw new CommandFailure($"{pathOption} cannot be used with {formatOption} {formatText}: it prints environmentVariables and files");
            }
            if (!PropertyPath.TryParse(pathText, out var parsed, out var syntaxError))
            {
                throw new CommandFailure(syntaxError);
            }
            path = parsed;
        }
        return new EnvironmentOutput(format, formatText, path, rendering);
    }

    /// <summary>Prints <paramref name="value"/> (the environment's top-level object, or null) and returns warnings for standard error.</summary>
    public IReadOnlyList<string> Write(EscValue? value, TextWriter output)
    {
        var warnings = new List<string>();
        if (Format.IsProjection())
        {
            output.Write(RenderVariables(value, warnings));
            return warnings;
        }
        // An environment that defines nothing is rendered as null, as the reference evaluator does.
        var root = value ?? EscValue.Null;
        // A missing property prints null, as "esc env open" does, but says so: a typo in a
        // script's path should not pass unnoticed.
        var selected = Path is null ? root : root.Select(Path);
        output.Write(ValueOutput.Render(selected ?? EscValue.Null, Format, Rendering));
        if (selected is null)
        {
            warnings.Add($"the environment has no value at {Path}");
        }
        return warnings;
    }

    // The files are left on disk: the printed paths must still exist when the output is sourced.
    private string RenderVariables(EscValue? value, List<string> warnings)
    {
        var variables = new List<ProjectedVariable>();
        foreach (var variable in EnvironmentProjection.Project(value))
        {
            if (VariableNames.IsPortable(variable.Name))
            {
                variables.Add(variable);
            }
            else
            {
                var section = variable.IsFile ? "files" : "environmentVariables";
                warnings.Add($"skipped {section} entry \"{variable.Name}\": {FormatName} output only takes names of letters, digits and \"_\" that do not start with a digit");
            }
        }

        if (Format == OutputFormat.DockerEnv)
        {
            DockerEnvFile.CheckValues(variables);
        }

        IReadOnlyDictionary<string, string>? filePaths = null;
        var files = variables.Where(v => v.IsFile).ToList();
        if (files.Count > 0)
        {
            filePaths = ProjectedFileDirectory.Create().Write(files, file =>
                file.IsSecret && Rendering == ValueRendering.Redacted ? ValueJson.SecretPlaceholder : file.Value);
        }
        return Format switch
        {
            OutputFormat.Dotenv => EnvironmentProjection.ToDotenv(variables, Rendering, filePaths),
            OutputFormat.DockerEnv => DockerEnvFile.Render(variables, Rendering, filePaths),
            _ => EnvironmentProjection.ToShell(variables, Rendering, filePaths),
        };
    }
}
