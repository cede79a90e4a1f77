using Coffer.Server.Audit;
using System.Data.Common;
using Dapper;

namespace Coffer.Server.Storage;

internal sealed partial class SqlStore
{
    // A blind write only loses its race if another write slipped in between its read and its update,
    // which the row lock prevents on PostgreSQL and the write lock on SQLite; retries cover databases
    // (and failover) where that lock is weaker. Bounded, so a pathological case ends in a conflict.
    private const int MaxRevisionAttempts = 8;

    public async Task<int> AddRevisionAsync(string environmentId, int? expectedLatest, string definition, Actor creator, DateTimeOffset at, IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (outcome, number) = await TryAddRevisionAsync(environmentId, expectedLatest, definition, creator, at, references, cancellationToken);
            if (outcome == AddOutcome.Written)
            {
                return number;
            }
            if (outcome == AddOutcome.LostRace && expectedLatest is not null)
            {
                throw new ConflictException($"the environment was changed since revision {expectedLatest}");
            }
            if (attempt == MaxRevisionAttempts)
            {
                throw new ConflictException("the environment is being changed by too many writers at once; try again");
            }
            await Task.Delay(Random.Shared.Next(1, 10 * attempt), cancellationToken);
        }
    }

    /// <summary>One attempt; nothing is written unless the outcome is <see cref="AddOutcome.Written"/>.</summary>
    private async Task<(AddOutcome Outcome, int Number)> TryAddRevisionAsync(string environmentId, int? expectedLatest, string definition, Actor creator, DateTimeOffset at, IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        try
        {
            await using var write = await _dialect.BeginWriteAsync(cancellationToken);
            var latest = await QuerySingleOrDefaultAsync<int?>(write,
                $"SELECT latest_revision FROM environments WHERE id = @environmentId{_dialect.ForUpdate}", new { environmentId }, cancellationToken)
                ?? throw EnvironmentGone();
            if (expectedLatest is not null && expectedLatest != latest)
            {
                return (AddOutcome.LostRace, 0);
            }
            var number = latest + 1;
            // The condition is what makes the write safe whatever the isolation: two writers that
            // read the same latest revision cannot both move it.
            if (await ExecuteAsync(write, """
                    UPDATE environments SET latest_revision = @number, modified = @at
                    WHERE id = @environmentId AND latest_revision = @latest
                    """, new { environmentId, number, latest, at = Millis(at) }, cancellationToken) == 0)
            {
                return (AddOutcome.LostRace, 0);
            }
            await InsertRevisionAsync(write, new RevisionRecord(environmentId, number, definition, at, creator.Login, creator.Name, null), cancellationToken);
            await InsertReferencesAsync(write, environmentId, number, references, cancellationToken);
            // The revision a request writes is part of its audit event, which commits with it.
            if (AuditScope.Current is { } scope)
            {
                scope.Revision ??= number;
            }
            await CommitAsync(write, cancellationToken);
            return (AddOutcome.Written, number);
        }
        catch (DbException ex) when (_dialect.IsUniqueViolation(ex))
        {
            // The number was taken after all: another writer won.
            return (AddOutcome.LostRace, 0);
        }
        catch (DbException ex) when (_dialect.IsTransient(ex))
        {
            // The database gave up on the transaction (serialization failure, deadlock); it says
            // nothing about the revision, so even a write expecting one is tried again.
            return (AddOutcome.Transient, 0);
        }
        catch (DbException ex) when (_dialect.IsForeignKeyViolation(ex))
        {
            throw EnvironmentGone();
        }
    }

    public async Task<RevisionRecord?> GetRevisionAsync(string environmentId, int number, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<RevisionRow>(
            $"SELECT {RevisionColumns} FROM revisions WHERE environment_id = @environmentId AND number = @number",
            new { environmentId, number }, cancellationToken))?.ToRecord();

    public async Task<IReadOnlyList<RevisionRecord>> ListRevisionsAsync(string environmentId, int? before, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var rows = await QueryAsync<RevisionRow>($"""
            SELECT {RevisionColumns} FROM revisions
            WHERE environment_id = @environmentId{(before is null ? "" : " AND number < @before")}
            ORDER BY number DESC
            LIMIT @count
            """, new { environmentId, before, count }, cancellationToken);
        return [.. rows.Select(r => r.ToRecord())];
    }

    public Task RetractRevisionAsync(string environmentId, int number, Retraction retraction, CancellationToken cancellationToken) =>
        WriteAsync(async write =>
        {
            // Locking the environment orders this against revisions being added, so "not the
            // latest" still holds at commit.
            var latest = await QuerySingleOrDefaultAsync<int?>(write,
                $"SELECT latest_revision FROM environments WHERE id = @environmentId{_dialect.ForUpdate}", new { environmentId }, cancellationToken)
                ?? throw EnvironmentGone();
            if (number == latest)
            {
                throw new ConflictException("the latest revision cannot be retracted; write a new revision first");
            }
            var states = (await write.Connection.QueryAsync<RevisionStateRow>(new CommandDefinition(
                    "SELECT number AS Number, retracted_at AS RetractedAt FROM revisions WHERE environment_id = @environmentId AND (number = @number OR number = @Replacement)",
                    new { environmentId, number, retraction.Replacement }, write.Transaction, cancellationToken: cancellationToken)))
                .ToDictionary(s => s.Number, s => s.RetractedAt is not null);
            if (!states.TryGetValue(number, out var retracted))
            {
                throw new ConflictException($"revision {number} does not exist");
            }
            if (retracted)
            {
                throw new ConflictException($"revision {number} is already retracted");
            }
            if (retraction.Replacement == number || !states.TryGetValue(retraction.Replacement, out var replacementRetracted) || replacementRetracted)
            {
                throw new ConflictException($"revision {retraction.Replacement} cannot replace revision {number}");
            }
            var at = Millis(retraction.At);
            await ExecuteAsync(write, """
                UPDATE revisions
                SET retracted_replacement = @Replacement, retracted_at = @at, retracted_by_login = @ByLogin,
                    retracted_by_name = @ByName, retracted_reason = @Reason
                WHERE environment_id = @environmentId AND number = @number
                """, new { environmentId, number, retraction.Replacement, at, retraction.ByLogin, retraction.ByName, retraction.Reason }, cancellationToken);
            await ExecuteAsync(write, """
                UPDATE revision_tags
                SET revision = @Replacement, modified = @at, editor_login = @ByLogin, editor_name = @ByName
                WHERE environment_id = @environmentId AND revision = @number
                """, new { environmentId, number, retraction.Replacement, at, retraction.ByLogin, retraction.ByName }, cancellationToken);
        }, null, null, cancellationToken);

    private static Task InsertRevisionAsync(WriteTransaction write, RevisionRecord revision, CancellationToken cancellationToken) =>
        ExecuteAsync(write, """
            INSERT INTO revisions (environment_id, number, definition, created, creator_login, creator_name)
            VALUES (@EnvironmentId, @Number, @Definition, @created, @CreatorLogin, @CreatorName)
            """,
            new { revision.EnvironmentId, revision.Number, revision.Definition, created = Millis(revision.Created), revision.CreatorLogin, revision.CreatorName },
            cancellationToken);

    private static Task InsertReferencesAsync(WriteTransaction write, string environmentId, int revision, IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        var distinct = references.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0
            ? Task.CompletedTask
            : ExecuteAsync(write,
                "INSERT INTO environment_references (environment_id, revision, referenced_name) VALUES (@environmentId, @revision, @name)",
                distinct.Select(name => new { environmentId, revision, name }), cancellationToken);
    }

    private sealed class RevisionStateRow
    {
        public int Number { get; set; }
        public long? RetractedAt { get; set; }
    }

    private enum AddOutcome
    {
        Written,
        LostRace,
        Transient,
    }
}
