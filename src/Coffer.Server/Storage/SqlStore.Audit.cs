using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Coffer.Server.Audit;

namespace Coffer.Server.Storage;

internal sealed partial class SqlStore
{
    private const string AuditColumns = """
        organization_id AS OrganizationId, sequence AS Sequence, time AS Time, actor AS Actor, token_id AS TokenId,
        client_address AS ClientAddress, user_agent AS UserAgent, action AS Action, project AS Project,
        environment AS Environment, revision AS Revision, outcome AS Outcome, details AS Details,
        previous_hash AS PreviousHash, hash AS Hash
        """;

    private const string AuditContinuationKind = "audit";

    public async Task<IReadOnlyList<AuditRecord>> AppendAuditEventsAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }
        try
        {
            await using var write = await _dialect.BeginWriteAsync(cancellationToken);
            var records = new List<AuditRecord>(events.Count);
            await AppendAuditAsync(write, events, records, cancellationToken);
            await write.CommitAsync(cancellationToken);
            return records;
        }
        catch (DbException ex)
        {
            throw new AuditUnavailableException(ex);
        }
    }

    public async Task<Page<AuditRecord>> QueryAuditEventsAsync(string organizationId, AuditQuery query, bool oldestFirst, string? continuation, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        long? after = null;
        if (continuation is not null)
        {
            var key = ContinuationToken.Decode(continuation, 2);
            if (key[0] != AuditContinuationKind || !long.TryParse(key[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                throw new FormatException("the continuation token is not valid");
            }
            after = sequence;
        }
        var sql = new StringBuilder($"SELECT {AuditColumns} FROM audit_events WHERE organization_id = @organizationId");
        if (after is not null)
        {
            sql.Append(oldestFirst ? " AND sequence > @after" : " AND sequence < @after");
        }
        if (query.From is not null)
        {
            sql.Append(" AND time >= @from");
        }
        if (query.To is not null)
        {
            sql.Append(" AND time < @to");
        }
        if (query.Actor is not null)
        {
            sql.Append(" AND actor = @Actor");
        }
        if (query.Project is not null)
        {
            sql.Append(" AND project = @Project");
        }
        if (query.Environment is not null)
        {
            sql.Append(" AND environment = @Environment");
        }
        if (query.Action is not null)
        {
            sql.Append(" AND action = @Action");
        }
        if (query.Outcome is not null)
        {
            sql.Append(" AND outcome = @Outcome");
        }
        sql.Append(oldestFirst ? " ORDER BY sequence ASC" : " ORDER BY sequence DESC").Append(" LIMIT @limit");
        // One more than a page says whether another page follows.
        var rows = await QueryAsync<AuditRow>(sql.ToString(), new
        {
            organizationId,
            after,
            from = Millis(query.From),
            to = Millis(query.To),
            query.Actor,
            query.Project,
            query.Environment,
            query.Action,
            query.Outcome,
            limit = count + 1,
        }, cancellationToken);
        var items = rows.Take(count).Select(r => r.ToRecord()).ToList();
        var next = rows.Count > count ? ContinuationToken.Encode(AuditContinuationKind, items[^1].Sequence.ToString(CultureInfo.InvariantCulture)) : null;
        return new Page<AuditRecord>(items, next);
    }

    public async Task<IReadOnlyList<AuditRecord>> ReadAuditChainAsync(string organizationId, long afterSequence, int count, CancellationToken cancellationToken) =>
        [.. (await QueryAsync<AuditRow>(
            $"SELECT {AuditColumns} FROM audit_events WHERE organization_id = @organizationId AND sequence > @afterSequence ORDER BY sequence LIMIT @count",
            new { organizationId, afterSequence, count }, cancellationToken)).Select(r => r.ToRecord())];

    public async Task<AuditChainHead?> GetAuditChainHeadAsync(string organizationId, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<ChainHeadRow>(
            "SELECT sequence AS Sequence, hash AS Hash FROM audit_chains WHERE organization_id = @organizationId",
            new { organizationId }, cancellationToken)) is { } row ? new AuditChainHead(row.Sequence, row.Hash) : null;

    /// <summary>
    /// Commits a write transaction, first appending the current request's pending audit events to
    /// it: the change and its record commit together. An append that fails fails the whole
    /// transaction with <see cref="AuditUnavailableException"/>.
    /// </summary>
    private async Task CommitAsync(WriteTransaction write, CancellationToken cancellationToken)
    {
        var scope = AuditScope.Current;
        var pending = scope?.TakePending();
        if (pending is null)
        {
            await write.CommitAsync(cancellationToken);
            return;
        }
        try
        {
            try
            {
                await AppendAuditAsync(write, pending, null, cancellationToken);
            }
            catch (DbException ex)
            {
                throw new AuditUnavailableException(ex);
            }
            await write.CommitAsync(cancellationToken);
        }
        catch
        {
            scope!.Abandoned(pending);
            throw;
        }
        scope!.Committed();
    }

    /// <summary>
    /// Appends events to their organizations' chains inside <paramref name="write"/>. Chain heads are
    /// locked in organization id order, so transactions appending to several chains cannot deadlock.
    /// </summary>
    private async Task AppendAuditAsync(WriteTransaction write, IReadOnlyList<AuditEvent> events, List<AuditRecord>? records, CancellationToken cancellationToken)
    {
        if (events.Count == 1 || events.All(e => e.OrganizationId == events[0].OrganizationId))
        {
            await AppendToChainAsync(write, events[0].OrganizationId, events, records, cancellationToken);
            return;
        }
        foreach (var chain in events.GroupBy(e => e.OrganizationId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            await AppendToChainAsync(write, chain.Key, [.. chain], records, cancellationToken);
        }
    }

    private async Task AppendToChainAsync(WriteTransaction write, string organizationId, IReadOnlyList<AuditEvent> events, List<AuditRecord>? records, CancellationToken cancellationToken)
    {
        var headSql = $"SELECT sequence AS Sequence, hash AS Hash FROM audit_chains WHERE organization_id = @organizationId{_dialect.ForUpdate}";
        var head = await QuerySingleOrDefaultAsync<ChainHeadRow>(write, headSql, new { organizationId }, cancellationToken);
        if (head is null)
        {
            // The chain's first event. Two replicas may get here at once: one inserts, both then lock.
            await ExecuteAsync(write, """
                INSERT INTO audit_chains (organization_id, sequence, hash) VALUES (@organizationId, 0, '')
                ON CONFLICT (organization_id) DO NOTHING
                """, new { organizationId }, cancellationToken);
            head = await QuerySingleOrDefaultAsync<ChainHeadRow>(write, headSql, new { organizationId }, cancellationToken)
                ?? throw new InvalidOperationException("the audit chain head vanished inside its transaction");
        }
        var sequence = head.Sequence;
        var hash = head.Hash;
        var chain = new AuditRecord[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var previous = hash;
            hash = AuditHash.Compute(++sequence, events[i], previous);
            chain[i] = new AuditRecord(sequence, events[i], previous, hash);
        }
        records?.AddRange(chain);
        await InsertAuditRecordsAsync(write, organizationId, chain, cancellationToken);
    }

    private const string InsertAuditSql = """
        INSERT INTO audit_events (organization_id, sequence, time, actor, token_id, client_address, user_agent,
            action, project, environment, revision, outcome, details, previous_hash, hash)
        VALUES (@o, @s, @t, @a, @k, @c, @u, @x, @p, @e, @r, @z, @d, @h, @g)
        """;

    private const string UpdateAuditHeadSql = "UPDATE audit_chains SET sequence = @s, hash = @g WHERE organization_id = @o";

    private static readonly string[] AuditParameterNames = ["o", "s", "t", "a", "k", "c", "u", "x", "p", "e", "r", "z", "d", "h", "g"];

    /// <summary>
    /// Inserts a chain's new records and moves its head to the last one. One single-row INSERT per
    /// record rather than one multi-row INSERT: SQLite finds a named parameter by a linear search, so
    /// binding 15 parameters per row of a large batch took time quadratic in its size (a quarter of a
    /// busy server's CPU). PostgreSQL gets the inserts and the head update as one batch, in one round
    /// trip; SQLite, in process, runs one prepared statement again for each record.
    /// </summary>
    private static async Task InsertAuditRecordsAsync(WriteTransaction write, string organizationId, AuditRecord[] chain, CancellationToken cancellationToken)
    {
        var connection = write.Connection;
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = write.Transaction;
            foreach (var record in chain)
            {
                var insert = batch.CreateBatchCommand();
                insert.CommandText = InsertAuditSql;
                SetAuditValues(AuditParameters(insert.CreateParameter, insert.Parameters), organizationId, record);
                batch.BatchCommands.Add(insert);
            }
            var update = batch.CreateBatchCommand();
            update.CommandText = UpdateAuditHeadSql;
            SetAuditValues(AuditParameters(update.CreateParameter, update.Parameters), organizationId, chain[^1]);
            batch.BatchCommands.Add(update);
            await batch.ExecuteNonQueryAsync(cancellationToken);
            return;
        }
        await using var command = connection.CreateCommand();
        command.Transaction = write.Transaction;
        command.CommandText = InsertAuditSql;
        var parameters = AuditParameters(command.CreateParameter, command.Parameters);
        foreach (var record in chain)
        {
            SetAuditValues(parameters, organizationId, record);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        // The head's parameters are a subset of a record's; SQLite ignores the ones a statement does not use.
        command.CommandText = UpdateAuditHeadSql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbParameter[] AuditParameters(Func<DbParameter> create, DbParameterCollection collection)
    {
        var parameters = new DbParameter[AuditParameterNames.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = create();
            parameters[i].ParameterName = AuditParameterNames[i];
            collection.Add(parameters[i]);
        }
        parameters[10].DbType = DbType.Int32;
        return parameters;
    }

    private static void SetAuditValues(DbParameter[] parameters, string organizationId, AuditRecord record)
    {
        var e = record.Event;
        parameters[0].Value = organizationId;
        parameters[1].Value = record.Sequence;
        parameters[2].Value = e.Time.ToUnixTimeMilliseconds();
        parameters[3].Value = e.Actor;
        parameters[4].Value = e.TokenId;
        parameters[5].Value = e.ClientAddress;
        parameters[6].Value = e.UserAgent;
        parameters[7].Value = e.Action;
        parameters[8].Value = e.Project;
        parameters[9].Value = e.Environment;
        parameters[10].Value = e.Revision is { } revision ? revision : DBNull.Value;
        parameters[11].Value = e.Outcome;
        parameters[12].Value = e.Details;
        parameters[13].Value = record.PreviousHash;
        parameters[14].Value = record.Hash;
    }

    private sealed class ChainHeadRow
    {
        public long Sequence { get; set; }
        public string Hash { get; set; } = "";
    }

    private sealed class AuditRow
    {
        public string OrganizationId { get; set; } = "";
        public long Sequence { get; set; }
        public long Time { get; set; }
        public string Actor { get; set; } = "";
        public string TokenId { get; set; } = "";
        public string ClientAddress { get; set; } = "";
        public string UserAgent { get; set; } = "";
        public string Action { get; set; } = "";
        public string Project { get; set; } = "";
        public string Environment { get; set; } = "";
        public int? Revision { get; set; }
        public string Outcome { get; set; } = "";
        public string Details { get; set; } = "";
        public string PreviousHash { get; set; } = "";
        public string Hash { get; set; } = "";

        public AuditRecord ToRecord() =>
            new(Sequence, new AuditEvent(SqlStore.Time(Time), OrganizationId, Actor, TokenId, ClientAddress, UserAgent, Action, Project, Environment, Revision, Outcome, Details), PreviousHash, Hash);
    }
}
