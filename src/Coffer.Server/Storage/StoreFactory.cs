namespace Coffer.Server.Storage;

/// <summary>
/// Opens the store the server options ask for: <c>sqlite</c> (the default) keeps
/// <c>&lt;data-dir&gt;/coffer.db</c>; anything else is a PostgreSQL connection string, as a URI
/// (<c>postgres://user:password@host:5432/db?sslmode=require</c>) or in keyword form
/// (<c>Host=…;Username=…;Database=…</c>). The caller runs <see cref="ICofferStore.MigrateAsync"/>
/// before using the store.
/// </summary>
public static class StoreFactory
{
    public const string Sqlite = "sqlite";

    public const string SqliteFileName = "coffer.db";

    /// <exception cref="ArgumentException">The setting is neither <c>sqlite</c> nor a PostgreSQL connection string (the message never repeats it).</exception>
    public static ICofferStore Open(string? database, string dataDirectory)
    {
        if (string.IsNullOrWhiteSpace(database) || database.Trim().Equals(Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return new SqlStore(new SqliteDialect(Path.Combine(dataDirectory, SqliteFileName)));
        }
        return new SqlStore(new PostgresDialect(PostgresConnectionString.Parse(database)));
    }
}
