namespace Coffer.Server.Passwords;

/// <summary>
/// Runs the deliberately slow password hashing off the request threads, at most one per processor
/// at a time, so a burst of sign-ins queues rather than starving every other request of CPU.
/// </summary>
public sealed class PasswordHasher : IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, Environment.ProcessorCount));

    // Verified against when the login is unknown, so that an unknown user costs the same work as a
    // wrong password and timing does not tell which logins exist.
    private readonly string _decoy = PasswordHash.Decoy();

    public Task<string> HashAsync(string password, CancellationToken cancellationToken) =>
        RunAsync(() => PasswordHash.Create(password), cancellationToken);

    /// <summary>Verifies <paramref name="password"/> against <paramref name="stored"/>, or against a decoy hash (always false) when there is none.</summary>
    public Task<bool> VerifyAsync(string password, string? stored, CancellationToken cancellationToken) =>
        RunAsync(() => PasswordHash.Verify(password, stored ?? _decoy) && stored is not null, cancellationToken);

    public void Dispose() => _slots.Dispose();

    private async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Task.Run(work, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _slots.Release();
        }
    }
}
