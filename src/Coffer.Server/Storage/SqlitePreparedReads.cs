using System.Collections.Concurrent;
using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Coffer.Server.Storage;

/// <summary>
/// Connections of their own, kept open, on which the queries that run on every request stay
/// compiled. Microsoft.Data.Sqlite compiles a command's SQL again for every new command, and a
/// pooled connection drops its compiled statements when it is closed: compiling the environment
/// lookup that every session read starts with was about a tenth of the read's CPU.
/// </summary>
internal sealed class SqlitePreparedReads(string connectionString, string settings) : IDisposable
{
    // Connections kept for reuse; more may be open while requests overlap, and are closed after use.
    private static readonly int MaxIdle = Math.Max(4, 2 * Environment.ProcessorCount);

    private readonly ConcurrentBag<PreparedConnection> _idle = [];
    private int _disposed;

    /// <summary>The first row <paramref name="sql"/> returns, mapped by name as Dapper does, or the default when there is none.</summary>
    public T? QueryRow<T>(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var connection = _idle.TryTake(out var idle) ? idle : PreparedConnection.Open(connectionString, settings);
        try
        {
            var row = connection.QueryRow<T>(sql, parameters);
            if (Volatile.Read(ref _disposed) == 0 && _idle.Count < MaxIdle)
            {
                _idle.Add(connection);
                connection = null;
            }
            return row;
        }
        finally
        {
            connection?.Dispose();
        }
    }

    public void Dispose()
    {
        Volatile.Write(ref _disposed, 1);
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }

    private sealed class PreparedConnection(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, (SqliteCommand Command, Delegate? Parser)> _statements = new(StringComparer.Ordinal);

        public static PreparedConnection Open(string connectionString, string settings)
        {
            var connection = new SqliteConnection(connectionString);
            try
            {
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = settings;
                command.ExecuteNonQuery();
                return new PreparedConnection(connection);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public T? QueryRow<T>(string sql, ReadOnlySpan<(string Name, object? Value)> parameters)
        {
            if (!_statements.TryGetValue(sql, out var statement))
            {
                var created = connection.CreateCommand();
                created.CommandText = sql;
                foreach (var (name, _) in parameters)
                {
                    created.Parameters.Add(new SqliteParameter("@" + name, null));
                }
                created.Prepare();
                statement = (created, null);
                _statements[sql] = statement;
            }
            var command = statement.Command;
            for (var i = 0; i < parameters.Length; i++)
            {
                command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
            }
            using var reader = command.ExecuteReader(CommandBehavior.SingleRow);
            if (!reader.Read())
            {
                return default;
            }
            if (statement.Parser is not Func<System.Data.Common.DbDataReader, T> parser)
            {
                parser = reader.GetRowParser<T>();
                _statements[sql] = (command, parser);
            }
            return parser(reader);
        }

        public void Dispose()
        {
            foreach (var (command, _) in _statements.Values)
            {
                command.Dispose();
            }
            connection.Dispose();
        }
    }
}
