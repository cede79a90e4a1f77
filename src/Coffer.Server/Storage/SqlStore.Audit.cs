using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Text;
using Coffer.Server.Audit;
using Dapper;

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
        var sql = new StringBuilder("""
            INSERT INTO audit_events (organization_id, sequence, time, actor, token_id, client_address, user_agent,
                action, project, environment, revision, outcome, details, previous_hash, hash) VALUES
            """);
        var parameters = new DynamicParameters();
        parameters.Add("o", organizationId);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            sequence++;
            var previous = hash;
            hash = AuditHash.Compute(sequence, e, previous);
            records?.Add(new AuditRecord(sequence, e, previous, hash));
            var n = i.ToString(CultureInfo.InvariantCulture);
            sql.Append(i == 0 ? "\n" : ",\n").Append(CultureInfo.InvariantCulture,
                $"(@o, @s{n}, @t{n}, @a{n}, @k{n}, @c{n}, @u{n}, @x{n}, @p{n}, @e{n}, @r{n}, @z{n}, @d{n}, @h{n}, @g{n})");
            parameters.Add("s" + n, sequence, DbType.Int64);
            parameters.Add("t" + n, e.Time.ToUnixTimeMilliseconds(), DbType.Int64);
            parameters.Add("a" + n, e.Actor);
            parameters.Add("k" + n, e.TokenId);
            parameters.Add("c" + n, e.ClientAddress);
            parameters.Add("u" + n, e.UserAgent);
            parameters.Add("x" + n, e.Action);
            parameters.Add("p" + n, e.Project);
            parameters.Add("e" + n, e.Environment);
            parameters.Add("r" + n, e.Revision, DbType.Int32);
            parameters.Add("z" + n, e.Outcome);
            parameters.Add("d" + n, e.Details);
            parameters.Add("h" + n, previous);
            parameters.Add("g" + n, hash);
        }
        // The events and the new head in one command: one round trip besides the lock.
        sql.Append(";\nUPDATE audit_chains SET sequence = @headSequence, hash = @headHash WHERE organization_id = @o");
        parameters.Add("headSequence", sequence, DbType.Int64);
        parameters.Add("headHash", hash);
        await ExecuteAsync(write, sql.ToString(), parameters, cancellationToken);
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
