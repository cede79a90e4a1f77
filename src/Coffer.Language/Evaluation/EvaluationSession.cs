using System.Collections.Concurrent;
using Coffer.Language.Declarations;
using Coffer.Language.Hosting;

namespace Coffer.Language.Evaluation;

/// <summary>An environment as the loader gave it: parsed, or the reason it could not be loaded.</summary>
internal sealed record LoadOutcome(EnvironmentDefinition? Definition, ISecretDecrypter? Decrypter, string? Error);

/// <summary>
/// The asynchronous side of one evaluation. Evaluation itself is a synchronous pass over the
/// definitions (<see cref="EnvironmentScope"/>); whenever it needs something that takes time — an
/// environment to load, a provider to call, a ciphertext to decrypt — it asks the session, which
/// starts that work (bounded, concurrently) and answers "pending" until it is done. The driver
/// re-runs the pass once the pending work has finished, until a pass needs nothing new. Each piece
/// of work is started once and its result reused by later passes, so providers are never called
/// twice for the same call.
/// </summary>
internal sealed class EvaluationSession : IDisposable
{
    private readonly IEnvironmentLoader? _loader;
    private readonly ConcurrentDictionary<string, Task<LoadOutcome>> _loads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _prefetched = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<CallOutcome>> _calls = new(StringComparer.Ordinal);
    private readonly Dictionary<(ISecretDecrypter?, string), Task<DecryptOutcome>> _decrypts = [];
    private readonly List<Task> _pending = [];
    private readonly SemaphoreSlim _loadSlots;
    private readonly SemaphoreSlim _callSlots;
    private readonly CancellationTokenSource _deadline;
    private readonly CancellationToken _callerToken;

    private readonly DefinitionCache? _definitions;

    public EvaluationSession(IEnvironmentLoader? loader, EvaluationLimits limits, DefinitionCache? definitions, CancellationToken cancellationToken)
    {
        _loader = loader;
        _definitions = definitions;
        Limits = limits;
        _callerToken = cancellationToken;
        _loadSlots = new SemaphoreSlim(Math.Max(1, limits.MaxConcurrentLoads));
        _callSlots = new SemaphoreSlim(Math.Max(1, limits.MaxConcurrentOpens));
        _deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _deadline.CancelAfter(limits.Timeout);
    }

    public EvaluationLimits Limits { get; }

    /// <summary>Cancelled when the deadline passes or the caller cancels.</summary>
    public CancellationToken Token => _deadline.Token;

    /// <summary>Set once waiting stopped early; pending work then counts as failed.</summary>
    public string? StopReason { get; private set; }

    /// <summary>True when the last pass asked for work that has not finished.</summary>
    public bool HasPending => _pending.Count > 0;

    public int CallCount => _calls.Count;

    /// <summary>Forgets what the previous pass was waiting for.</summary>
    public void BeginPass() => _pending.Clear();

    /// <summary>Waits for the work the last pass asked for; on timeout or cancellation records why and returns.</summary>
    public async Task WaitForPendingAsync()
    {
        try
        {
            await Task.WhenAll(_pending).WaitAsync(Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            StopReason = StopMessage();
        }
        catch (Exception)
        {
            // Each task's own failure is read from its outcome by the next pass.
        }
    }

    public string StopMessage() => _callerToken.IsCancellationRequested
        ? "the evaluation was cancelled"
        : $"the evaluation did not finish within {Limits.Timeout.TotalSeconds:0.###}s";

    /// <summary>Loads, in the background and concurrently, every environment reachable through imports.</summary>
    public async Task PrefetchImportsAsync(IEnumerable<string> names, int depth)
    {
        if (depth > Limits.MaxImportDepth)
        {
            return;
        }
        var fresh = names.Where(name => _prefetched.TryAdd(name, 0)).ToList();
        if (fresh.Count > 1 && _loader is not null)
        {
            try
            {
                await _loader.PrepareAsync(fresh, Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // Only a head start: each load looks its environment up again and reports its own failure.
            }
        }
        await Task.WhenAll(fresh.Select(name => PrefetchAsync(name, depth))).ConfigureAwait(false);
    }

    private async Task PrefetchAsync(string name, int depth)
    {
        var outcome = await StartLoad(name).ConfigureAwait(false);
        if (outcome.Definition is { HasErrors: false } definition)
        {
            await PrefetchImportsAsync(definition.ImportNames, depth + 1).ConfigureAwait(false);
        }
    }

    /// <summary>The loaded environment, or null while it is still loading (the pass then has pending work).</summary>
    public LoadOutcome? TryGetEnvironment(string name)
    {
        var task = StartLoad(name);
        return Result(task, () => new LoadOutcome(null, null, $"loading {name}: {StopReason}"));
    }

    private Task<LoadOutcome> StartLoad(string name) => _loads.GetOrAdd(name, n =>
        _loads.Count >= Limits.MaxEnvironments
            ? Task.FromResult(new LoadOutcome(null, null, $"the evaluation loads more than {Limits.MaxEnvironments} environments"))
            : LoadAsync(n));

    private async Task<LoadOutcome> LoadAsync(string name)
    {
        if (_loader is null)
        {
            return new LoadOutcome(null, null, $"environment {name} not found: no environments can be imported here");
        }
        await _loadSlots.WaitAsync(Token).ConfigureAwait(false);
        try
        {
            var loaded = await _loader.LoadAsync(name, Token).ConfigureAwait(false);
            var definition = _definitions?.GetOrParse(name, loaded.Definition.Span, Limits) ?? EnvironmentDefinition.Parse(name, loaded.Definition.Span, Limits);
            return new LoadOutcome(definition, loaded.Decrypter, null);
        }
        catch (OperationCanceledException) when (Token.IsCancellationRequested)
        {
            return new LoadOutcome(null, null, $"loading {name}: {StopMessage()}");
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new LoadOutcome(null, null, ex.Message);
        }
        finally
        {
            _loadSlots.Release();
        }
    }

    /// <summary>
    /// The outcome of a provider or rotator call identified by <paramref name="key"/>, starting it on
    /// first request. Null while it runs.
    /// </summary>
    public CallOutcome? TryCall(string key, Func<CancellationToken, ValueTask<CallOutcome>> start)
    {
        if (!_calls.TryGetValue(key, out var task))
        {
            if (_calls.Count >= Limits.MaxOpens)
            {
                return CallOutcome.Failed($"the evaluation makes more than {Limits.MaxOpens} provider calls");
            }
            task = RunCallAsync(start);
            _calls[key] = task;
        }
        return Result(task, () => CallOutcome.Failed(StopReason!));
    }

    private async Task<CallOutcome> RunCallAsync(Func<CancellationToken, ValueTask<CallOutcome>> start)
    {
        await _callSlots.WaitAsync(Token).ConfigureAwait(false);
        try
        {
            return await start(Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (Token.IsCancellationRequested)
        {
            return CallOutcome.Failed(StopMessage());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return CallOutcome.Failed(ex.Message);
        }
        finally
        {
            _callSlots.Release();
        }
    }

    /// <summary>The plaintext of a ciphertext payload, or null while it is being decrypted.</summary>
    public DecryptOutcome? TryDecrypt(ISecretDecrypter? decrypter, string ciphertext, byte[] payload)
    {
        var key = (decrypter, ciphertext);
        if (!_decrypts.TryGetValue(key, out var task))
        {
            task = DecryptAsync(decrypter, payload);
            _decrypts[key] = task;
        }
        return Result(task, () => new DecryptOutcome(null, StopReason));
    }

    private async Task<DecryptOutcome> DecryptAsync(ISecretDecrypter? decrypter, byte[] payload)
    {
        if (decrypter is null)
        {
            return new DecryptOutcome(null, "no decrypter is available for this environment");
        }
        try
        {
            var plaintext = await decrypter.DecryptAsync(payload, Token).ConfigureAwait(false);
            return new DecryptOutcome(plaintext, null);
        }
        catch (OperationCanceledException) when (Token.IsCancellationRequested)
        {
            return new DecryptOutcome(null, StopMessage());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new DecryptOutcome(null, ex.Message);
        }
    }

    private T? Result<T>(Task<T> task, Func<T> stopped)
        where T : class
    {
        if (task.IsCompletedSuccessfully)
        {
            return task.Result;
        }
        if (StopReason is not null)
        {
            return stopped();
        }
        _pending.Add(task);
        return null;
    }

    public void Dispose()
    {
        _deadline.Dispose();
        _loadSlots.Dispose();
        _callSlots.Dispose();
    }
}

/// <summary>The outcome of a provider open, or of a rotator's rotate-then-open.</summary>
internal sealed record CallOutcome(Values.EscValue? Value, string? Error, Values.EscValue? NewState = null, bool RotateFailed = false)
{
    public static CallOutcome Failed(string error) => new(null, error);
}

internal sealed record DecryptOutcome(byte[]? Plaintext, string? Error);
