using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Api;

/// <summary>The API on PostgreSQL.</summary>
[RequiresPostgres]
public sealed class PostgresApiTests(PostgresApiServer server) : ApiTests(server), IClassFixture<PostgresApiServer>;
