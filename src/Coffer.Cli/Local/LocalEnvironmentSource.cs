using Coffer.Cli.CommandLine;
using Coffer.Cli.Sources;
using Coffer.Language;
using Coffer.Language.Declarations;
using Coffer.Language.Hosting;
using Coffer.Language.Values;

namespace Coffer.Cli.Local;

/// <summary>
/// An environment evaluated from files: a YAML file (its imports resolve in its folder) or a
/// folder with the root environment chosen by name.
/// </summary>
internal sealed class LocalEnvironmentSource : IEnvironmentSource
{
    private const int MaxListedEnvironments = 20;
    private readonly EnvironmentFolder _folder;
    private readonly EnvironmentFolder? _parentFolder;
    private readonly string _rootName;
    private readonly string _rootFile;
    private readonly string? _rootWarning;

    private LocalEnvironmentSource(EnvironmentFolder folder, EnvironmentFolder? parentFolder, string rootName, string rootFile, string? rootWarning)
    {
        _folder = folder;
        _parentFolder = parentFolder;
        _rootName = rootName;
        _rootFile = rootFile;
        _rootWarning = rootWarning;
    }

    /// <summary>
    /// Finds the root environment: <paramref name="path"/> itself when it is a file, otherwise the
    /// environment <paramref name="environment"/> of the folder <paramref name="path"/>.
    /// </summary>
    public static LocalEnvironmentSource Locate(string path, string? environment)
    {
        if (File.Exists(path))
        {
            if (environment is not null)
            {
                throw new CommandFailure($"--env selects an environment in a folder, but {path} is a file; pass its folder instead, or drop --env");
            }
            var folder = new EnvironmentFolder(Path.GetDirectoryName(Path.GetFullPath(path))!);
            var parent = Path.GetDirectoryName(folder.FullPath) is { } above ? new EnvironmentFolder(above) : null;
            return new LocalEnvironmentSource(folder, parent, Path.GetFileNameWithoutExtension(path), Path.GetFullPath(path), null);
        }
        if (Directory.Exists(path))
        {
            var folder = new EnvironmentFolder(path);
            if (environment is null)
            {
                throw new CommandFailure($"{path} is a folder: choose the root environment with --env NAME ({DescribeEnvironments(folder)})");
            }
            string file;
            EnvironmentName name;
            try
            {
                file = FolderEnvironmentLoader.Locate(environment, folder, out name);
            }
            catch (EnvironmentLoadException ex)
            {
                throw new CommandFailure($"{ex.Message} ({DescribeEnvironments(folder)})", ex);
            }
            var warning = name.Version is null ? null : FolderEnvironmentLoader.VersionWarning(name, file);
            return new LocalEnvironmentSource(folder, null, name.Unversioned, file, warning);
        }
        throw new CommandFailure($"{path} does not exist");
    }

    public async Task<OpenedEnvironment> OpenAsync(CancellationToken cancellationToken)
    {
        byte[] yaml;
        try
        {
            yaml = await File.ReadAllBytesAsync(_rootFile, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailure($"cannot read {PathDisplay.Of(_rootFile)}: {ex.Message}", ex);
        }

        var limits = EvaluationLimits.Default;
        var definition = EnvironmentDefinition.Parse(_rootName, DefinitionBytes.WithoutByteOrderMark(yaml).Span, limits);
        var loader = new FolderEnvironmentLoader(_folder, _parentFolder);
        var evaluator = new EnvironmentEvaluator(OfflineProviders.Create(), loader, limits);
        var result = await evaluator.EvaluateAsync(definition, new EvaluationOptions
        {
            Mode = EvaluationMode.Open,
            Decrypter = OfflineSecretDecrypter.Instance,
            Context = EscValue.EmptyObject,
        }, cancellationToken).ConfigureAwait(false);

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, file) in loader.Files)
        {
            files[name] = PathDisplay.Of(file);
        }
        files[_rootName] = PathDisplay.Of(_rootFile);
        IEnumerable<string> warnings = loader.VersionWarnings;
        if (_rootWarning is not null)
        {
            warnings = warnings.Prepend(_rootWarning);
        }
        return new OpenedEnvironment(result.Value, [.. definition.Diagnostics, .. result.Diagnostics], files, [.. warnings]);
    }

    private static string DescribeEnvironments(EnvironmentFolder folder)
    {
        var names = folder.ListEnvironments();
        if (names.Count == 0)
        {
            return "it has no environments: expected files such as app.yaml or project/app.yaml";
        }
        var shown = string.Join(", ", names.Take(MaxListedEnvironments));
        return names.Count > MaxListedEnvironments
            ? $"environments found: {shown} and {names.Count - MaxListedEnvironments} more"
            : $"environments found: {shown}";
    }
}
