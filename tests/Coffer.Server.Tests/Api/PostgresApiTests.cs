using System.Net;
using Coffer.Server.Tests.Support;
using Npgsql;

namespace Coffer.Server.Tests.Api;

/// <summary>The API on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresApiTests(PostgresApiServer server) : ApiTests(server), IClassFixture<PostgresApiServer>
{
    [DatabaseFact]
    public async Task Readyz_is_503_while_the_database_cannot_be_reached()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var own = await ApiServer.StartAsync(connectionString, server.NewDataDirectory());
        await own.Anonymous.GetAsync("readyz").ShouldBe(HttpStatusCode.OK);

        var database = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }

        var error = await own.Anonymous.GetAsync("readyz").JsonAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal(503, (int)error["code"]!);
        await own.Anonymous.GetAsync("healthz").ShouldBe(HttpStatusCode.OK);
    }
}
