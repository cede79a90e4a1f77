namespace Coffer.Server.Audit;

/// <summary>
/// The audit records a request has yet to write, carried with the request's async flow. Whatever
/// write transaction the request commits first appends them in that same transaction (so a change
/// and its record commit together, or neither does); the audit filter writes any left over before
/// the response leaves (<see cref="AuditLog.RecordAsync(AuditEvent, CancellationToken)"/>).
/// </summary>
public sealed class AuditScope
{
    private static readonly AsyncLocal<AuditScope?> CurrentScope = new();

    private readonly Lock _lock = new();
    private readonly Func<AuditScope, IReadOnlyList<AuditEvent>>? _primary;
    private int _primaryCount;
    private List<AuditEvent>? _extra;
    private List<(string Name, object? Value)>? _facts;
    private bool _primaryWritten;
    private bool _primaryInFlight;

    /// <param name="primary">
    /// Builds the request's own events (as a success) when they are written: one, or one for each
    /// organization an action of a user's own is recorded in. Null when the scope only collects others.
    /// </param>
    public AuditScope(Func<AuditScope, IReadOnlyList<AuditEvent>>? primary) => _primary = primary;

    /// <summary>The scope of the current request, if it is audited.</summary>
    public static AuditScope? Current => CurrentScope.Value;

    /// <summary>The revision the request acted on, once it is known (recorded with its event).</summary>
    public int? Revision { get; set; }

    /// <summary>The project acted on, when the route does not name it (creating an environment names it in the body).</summary>
    public string? Project { get; set; }

    /// <summary>The environment acted on, when the route does not name it.</summary>
    public string? Environment { get; set; }

    /// <summary>Non-secret facts added to the request's own event (its <c>details</c>), besides those of its route.</summary>
    public IReadOnlyList<(string Name, object? Value)> Facts
    {
        get
        {
            lock (_lock)
            {
                return _facts is null ? [] : [.. _facts];
            }
        }
    }

    /// <summary>Whether the request's own event has been committed.</summary>
    public bool PrimaryWritten
    {
        get
        {
            lock (_lock)
            {
                return _primaryWritten;
            }
        }
    }

    /// <summary>
    /// Adds a fact to the request's own event, such as the permission a grant gives. Strings,
    /// numbers and booleans only, and never a secret or a token value.
    /// </summary>
    public void AddDetail(string name, object? value)
    {
        lock (_lock)
        {
            (_facts ??= []).Add((name, value));
        }
    }

    /// <summary>Makes <paramref name="scope"/> current for the calling flow until disposed.</summary>
    public static IDisposable Enter(AuditScope scope)
    {
        var previous = CurrentScope.Value;
        CurrentScope.Value = scope;
        return new Exit(previous);
    }

    /// <summary>
    /// Adds an event to be written with the request's next write transaction or before its response,
    /// whichever comes first: the way to record something a request does besides its own action
    /// (an OIDC token minted while it evaluates, for example).
    /// </summary>
    public void Add(AuditEvent e)
    {
        lock (_lock)
        {
            (_extra ??= []).Add(e);
        }
    }

    /// <summary>Takes every event not yet written; the taker must call <see cref="Committed"/> or <see cref="Abandoned"/>.</summary>
    public List<AuditEvent>? TakePending()
    {
        lock (_lock)
        {
            List<AuditEvent>? pending = null;
            if (_primary is not null && !_primaryWritten && !_primaryInFlight)
            {
                _primaryInFlight = true;
                pending = [.. _primary(this)];
                _primaryCount = pending.Count;
            }
            if (_extra is { Count: > 0 })
            {
                (pending ??= []).AddRange(_extra);
                _extra.Clear();
            }
            return pending;
        }
    }

    /// <summary>The events taken were committed.</summary>
    public void Committed()
    {
        lock (_lock)
        {
            if (_primaryInFlight)
            {
                _primaryInFlight = false;
                _primaryWritten = true;
            }
        }
    }

    /// <summary>The events taken were not written (the transaction rolled back): they are pending again.</summary>
    public void Abandoned(List<AuditEvent> taken)
    {
        lock (_lock)
        {
            var start = 0;
            if (_primaryInFlight)
            {
                _primaryInFlight = false;
                start = _primaryCount;
            }
            if (taken.Count > start)
            {
                (_extra ??= []).InsertRange(0, taken.Skip(start));
            }
        }
    }

    private sealed class Exit(AuditScope? previous) : IDisposable
    {
        public void Dispose() => CurrentScope.Value = previous;
    }
}
