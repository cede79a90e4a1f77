using System.Net;
using Coffer.Server.Storage;
using Coffer.Server.Tests.Support;
using static Coffer.Server.Tests.Support.ApiHttp;

namespace Coffer.Server.Tests.Api;

public abstract partial class ApiTests
{
    [DatabaseFact]
    public async Task An_untouched_audit_chain_verifies()
    {
        var (admin, org, environment) = await AuditedOrganizationAsync();
        await admin.PostAsync($"{environment.Path}/open", null).ShouldBe(HttpStatusCode.OK);
        var result = await VerifyAuditAsync(admin, org);
        Assert.True((bool)result["valid"]!, result.ToJsonString());
        Assert.Equal(3, (long)result["records"]!);
        Assert.Equal(3, (long)result["headSequence"]!);
        Assert.Equal(64, ((string)result["headHash"]!).Length);
        Assert.Null(result["firstBroken"]);
    }

    [DatabaseFact]
    public async Task Editing_an_audit_record_in_the_database_breaks_the_chain_at_that_record()
    {
        var (admin, org) = await TamperedChainAsync(id => $"UPDATE audit_events SET actor = 'someone-else' WHERE organization_id = {id} AND sequence = 2");
        var broken = (await VerifyAuditAsync(admin, org))["firstBroken"]!;
        Assert.Equal(2, (long)broken["sequence"]!);
        Assert.Contains("does not match its hash", (string)broken["reason"]!, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Deleting_an_audit_record_in_the_database_breaks_the_chain_where_it_was()
    {
        var (admin, org) = await TamperedChainAsync(id => $"DELETE FROM audit_events WHERE organization_id = {id} AND sequence = 2");
        var broken = (await VerifyAuditAsync(admin, org))["firstBroken"]!;
        Assert.Equal(2, (long)broken["sequence"]!);
        Assert.Equal("record 2 is missing", (string)broken["reason"]!);
    }

    [DatabaseFact]
    public async Task Deleting_the_newest_audit_records_is_noticed_against_the_chain_head()
    {
        var (admin, org) = await TamperedChainAsync(id => $"DELETE FROM audit_events WHERE organization_id = {id} AND sequence >= 3");
        var broken = (await VerifyAuditAsync(admin, org))["firstBroken"]!;
        Assert.Equal(3, (long)broken["sequence"]!);
    }

    [DatabaseFact]
    public async Task Reordering_audit_records_in_the_database_breaks_the_chain_at_the_first_moved_record()
    {
        var (admin, org) = await TamperedChainAsync(id => $"""
            UPDATE audit_events SET sequence = -1 WHERE organization_id = {id} AND sequence = 2;
            UPDATE audit_events SET sequence = 2 WHERE organization_id = {id} AND sequence = 3;
            UPDATE audit_events SET sequence = 3 WHERE organization_id = {id} AND sequence = -1;
            """);
        var result = await VerifyAuditAsync(admin, org);
        Assert.False((bool)result["valid"]!);
        Assert.Equal(2, (long)result["firstBroken"]!["sequence"]!);
    }

    [DatabaseFact]
    public async Task Concurrent_opens_and_reads_on_two_replicas_append_to_one_valid_chain()
    {
        var (admin, org, environment) = await AuditedOrganizationAsync();
        var replica = await ReplicaAsync();
        var onReplica = replica.NewClient(TokenOf(admin));
        const int Requests = 40;
        await Task.WhenAll(Enumerable.Range(0, Requests).Select(async i =>
        {
            var client = i % 2 == 0 ? admin : onReplica;
            var id = await OpenWithAsync(client, environment);
            await client.GetAsync($"{environment.Path}/open/{id}").ShouldBe(HttpStatusCode.OK);
        }));

        var result = await VerifyAuditAsync(admin, org);
        Assert.True((bool)result["valid"]!, result.ToJsonString());
        // created + updated + an open and a read per request.
        Assert.Equal(2 + (2 * Requests), (long)result["records"]!);
    }

    /// <summary>A chain of four records (created, updated, two reads), then <paramref name="tamper"/> run on the database.</summary>
    private async Task<(HttpClient Admin, string Organization)> TamperedChainAsync(Func<string, string> tamper)
    {
        var (admin, org, environment) = await AuditedOrganizationAsync();
        await admin.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK);
        await admin.GetAsync(environment.Path).ShouldBe(HttpStatusCode.OK);
        Assert.True((bool)(await VerifyAuditAsync(admin, org))["valid"]!);
        await Server.ExecuteSqlAsync(tamper(OrganizationIdSql(org)));
        return (admin, org);
    }

    private static string TokenOf(HttpClient client) =>
        client.DefaultRequestHeaders.GetValues("Authorization").Single()["token ".Length..];

    /// <summary>A client without the error-contract check, for requests that are meant to fail with 500.</summary>
    private HttpClient RawClient(HttpClient like)
    {
        var client = new HttpClient { BaseAddress = Server.Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "token " + TokenOf(like));
        return client;
    }

    private Task FailAuditInsertsAsync() => Server.ExecuteSqlAsync(Server.Database == StoreFactory.Sqlite
        ? "CREATE TRIGGER audit_events_refuse BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit storage is failing'); END;"
        : """
          CREATE FUNCTION audit_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit storage is failing'; END $$;
          CREATE TRIGGER audit_events_refuse BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_refuse();
          """);

    private Task RestoreAuditInsertsAsync() => Server.ExecuteSqlAsync(Server.Database == StoreFactory.Sqlite
        ? "DROP TRIGGER audit_events_refuse;"
        : "DROP TRIGGER audit_events_refuse ON audit_events; DROP FUNCTION audit_refuse();");
}
