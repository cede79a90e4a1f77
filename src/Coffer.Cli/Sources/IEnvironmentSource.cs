namespace Coffer.Cli.Sources;

/// <summary>
/// Where an opened environment comes from. Commands only need the evaluated value and its
/// diagnostics, so local files and (later) a Coffer server are interchangeable.
/// </summary>
internal interface IEnvironmentSource
{
    /// <summary>Opens the environment: evaluates it fully, calling providers and decrypting secrets.</summary>
    Task<OpenedEnvironment> OpenAsync(CancellationToken cancellationToken);
}
