using Coffer.Server.Tests.Support;

namespace Coffer.Server.Tests.Api;

/// <summary>The API on SQLite.</summary>
public sealed class SqliteApiTests(SqliteApiServer server) : ApiTests(server), IClassFixture<SqliteApiServer>;
