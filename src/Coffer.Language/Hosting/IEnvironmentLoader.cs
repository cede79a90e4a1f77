namespace Coffer.Language.Hosting;

/// <summary>
/// Gives the evaluator the definitions of imported and referenced environments. Names are as
/// written in the importing definition (<c>common/aws</c>, <c>common/aws@stable</c>, <c>base</c>).
/// </summary>
public interface IEnvironmentLoader
{
    /// <summary>
    /// Loads a definition. Throw <see cref="EnvironmentLoadException"/> when it cannot be provided;
    /// the message becomes the diagnostic at the import and should name the environment.
    /// </summary>
    ValueTask<LoadedEnvironment> LoadAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Says which environments a definition imports, before they are loaded (one
    /// <see cref="LoadAsync"/> each follows, concurrently), so a loader can look them up together:
    /// one query to a database server rather than one each. Its failures are ignored: each load
    /// then reports its own. The default does nothing.
    /// </summary>
    ValueTask PrepareAsync(IReadOnlyList<string> names, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>A loaded definition and the decrypter for its <c>fn::secret</c> ciphertexts.</summary>
/// <param name="Definition">The YAML text of the definition, UTF-8.</param>
/// <param name="Decrypter">Decrypts the definition's ciphertexts; null when it has none to decrypt.</param>
public sealed record LoadedEnvironment(ReadOnlyMemory<byte> Definition, ISecretDecrypter? Decrypter);

/// <summary>An environment could not be loaded; the message is reported at the import.</summary>
public class EnvironmentLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EnvironmentLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public EnvironmentLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public EnvironmentLoadException()
    {
    }
}
