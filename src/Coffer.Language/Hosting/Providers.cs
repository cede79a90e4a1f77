using Coffer.Language.Schemas;
using Coffer.Language.Values;

namespace Coffer.Language.Hosting;

/// <summary>
/// Something <c>fn::open::&lt;name&gt;</c> can call: takes inputs (validated against
/// <see cref="Inputs"/>) and returns a value (typed by <see cref="Outputs"/>). Providers fetch
/// credentials and secrets from outside systems.
/// </summary>
public interface IProvider
{
    /// <summary>The schema the inputs must satisfy; checked before the provider is called.</summary>
    Schema Inputs { get; }

    /// <summary>The schema of what <see cref="OpenAsync"/> returns; used to check accesses statically.</summary>
    Schema Outputs { get; }

    /// <summary>
    /// Opens the provider. Throw (for example <see cref="ProviderException"/>) to fail: the message is
    /// reported verbatim at the <c>fn::open</c> call, so it must never contain a secret.
    /// </summary>
    ValueTask<EscValue> OpenAsync(EscValue inputs, ProviderContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Something <c>fn::rotate::&lt;name&gt;</c> can call: a provider with state that can rotate
/// credentials. The new state returned by <see cref="RotateAsync"/> is written back into the definition.
/// </summary>
public interface IRotator
{
    /// <summary>The schema of the inputs; properties listed in its <c>rotateOnly</c> are only evaluated when rotating.</summary>
    Schema Inputs { get; }

    /// <summary>The schema of the state kept in the definition.</summary>
    Schema State { get; }

    /// <summary>The schema of what <see cref="OpenAsync"/> returns.</summary>
    Schema Outputs { get; }

    /// <summary>Returns the current credentials for <paramref name="state"/> (null when the definition has no state).</summary>
    ValueTask<EscValue> OpenAsync(EscValue inputs, EscValue? state, ProviderContext context, CancellationToken cancellationToken);

    /// <summary>Rotates and returns the new state.</summary>
    ValueTask<EscValue> RotateAsync(EscValue inputs, EscValue? state, ProviderContext context, CancellationToken cancellationToken);
}

/// <summary>What a provider is told about the evaluation calling it.</summary>
/// <param name="EnvironmentName">The environment whose definition holds the call.</param>
/// <param name="RootEnvironmentName">The environment being opened.</param>
/// <param name="ExecutionContext">The <c>context</c> object of the evaluation.</param>
/// <param name="HostState">Whatever the host passed in <see cref="EvaluationOptions.HostState"/>.</param>
public sealed record ProviderContext(string EnvironmentName, string RootEnvironmentName, EscValue ExecutionContext, object? HostState);

/// <summary>A provider or rotator failed; the message is reported at the call.</summary>
public class ProviderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ProviderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public ProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ProviderException()
    {
    }
}

/// <summary>Finds providers and rotators by name.</summary>
public interface IProviderRegistry
{
    /// <summary>The provider called <paramref name="name"/>, or null.</summary>
    IProvider? FindProvider(string name);

    /// <summary>The rotator called <paramref name="name"/>, or null.</summary>
    IRotator? FindRotator(string name);
}

/// <summary>A registry filled by the host.</summary>
public sealed class ProviderRegistry : IProviderRegistry
{
    private readonly Dictionary<string, IProvider> _providers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IRotator> _rotators = new(StringComparer.Ordinal);

    /// <summary>A registry with nothing in it.</summary>
    public static ProviderRegistry Empty { get; } = new();

    /// <summary>Registers a provider.</summary>
    public ProviderRegistry Add(string name, IProvider provider)
    {
        _providers[name] = provider;
        return this;
    }

    /// <summary>Registers a rotator.</summary>
    public ProviderRegistry Add(string name, IRotator rotator)
    {
        _rotators[name] = rotator;
        return this;
    }

    /// <summary>The names of the registered providers.</summary>
    public IEnumerable<string> ProviderNames => _providers.Keys.Order(StringComparer.Ordinal);

    /// <summary>The names of the registered rotators.</summary>
    public IEnumerable<string> RotatorNames => _rotators.Keys.Order(StringComparer.Ordinal);

    /// <inheritdoc/>
    public IProvider? FindProvider(string name) => _providers.GetValueOrDefault(name);

    /// <inheritdoc/>
    public IRotator? FindRotator(string name) => _rotators.GetValueOrDefault(name);
}
