using Npgsql;

namespace Coffer.Server.Storage;

/// <summary>
/// Turns the <c>database</c> setting into an Npgsql connection string. Accepts the libpq URI form
/// (<c>postgres://</c> or <c>postgresql://</c>, percent-encoded parts, several <c>host:port</c>
/// separated by commas, libpq query parameters) and Npgsql's keyword form. Error messages name the
/// part that is wrong, never a value: the setting usually holds a password.
/// </summary>
internal static class PostgresConnectionString
{
    private const string Expected = "expected postgres://user:password@host:port/database or Host=…;Username=…;Database=…";

    // libpq parameter names that differ from Npgsql's keywords.
    private static readonly Dictionary<string, string> LibpqKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["sslpassword"] = "SSL Password",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["target_session_attrs"] = "Target Session Attributes",
        ["user"] = "Username",
        ["password"] = "Password",
        ["dbname"] = "Database",
        ["host"] = "Host",
        ["port"] = "Port",
    };

    private static readonly Dictionary<string, string> SslModes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["disable"] = "Disable",
        ["allow"] = "Allow",
        ["prefer"] = "Prefer",
        ["require"] = "Require",
        ["verify-ca"] = "VerifyCA",
        ["verify-full"] = "VerifyFull",
    };

    public static string Parse(string setting)
    {
        var value = setting.Trim();
        var builder = IsUri(value) ? FromUri(value) : FromKeywords(value);
        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new ArgumentException($"the PostgreSQL connection string names no host ({Expected})");
        }
        if (!MentionsKeyword(value, "Max Auto Prepare"))
        {
            // The server runs the same few statements all the time: preparing them once per pooled
            // connection spares PostgreSQL parsing and planning them on every call. Setting
            // Max Auto Prepare=0 turns it off (PgBouncer before 1.21 in transaction mode needs that).
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }
        if (!MentionsKeyword(value, "No Reset On Close"))
        {
            // A connection going back to the pool would otherwise run RESET ALL, CLOSE ALL, UNLISTEN,
            // DISCARD and more before its next use: about a quarter of PostgreSQL's work per session read.
            // The server keeps no session state on pooled connections (no SET, temporary tables,
            // LISTEN or session-level advisory locks: the one it takes has a connection of its own).
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }

    /// <summary>How many statements each connection prepares automatically unless the setting says otherwise.</summary>
    public const int DefaultMaxAutoPrepare = 32;

    // Npgsql accepts a keyword with or without its spaces, in any case.
    private static bool MentionsKeyword(string setting, string keyword) =>
        setting.Replace(" ", "", StringComparison.Ordinal).Contains(keyword.Replace(" ", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);

    private static bool IsUri(string value) =>
        value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    private static NpgsqlConnectionStringBuilder FromKeywords(string value)
    {
        if (!value.Contains('=', StringComparison.Ordinal))
        {
            throw new ArgumentException($"the database setting is neither 'sqlite' nor a PostgreSQL connection string ({Expected})");
        }
        try
        {
            return new NpgsqlConnectionStringBuilder(value);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // The parser's own message may quote a value; ours does not.
            throw new ArgumentException($"the PostgreSQL connection string is not valid: a keyword is unknown or a value has the wrong form ({Expected})");
        }
    }

    private static NpgsqlConnectionStringBuilder FromUri(string uri)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        var rest = uri[(uri.IndexOf("://", StringComparison.Ordinal) + 3)..];

        // A password with an unencoded '@' still parses: the host starts after the last '@'.
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = rest[..at];
            rest = rest[(at + 1)..];
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            Set(builder, "Username", Decode(colon < 0 ? userInfo : userInfo[..colon]), "user name");
            if (colon >= 0)
            {
                Set(builder, "Password", Decode(userInfo[(colon + 1)..]), "password");
            }
        }

        var query = "";
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            query = rest[(question + 1)..];
            rest = rest[..question];
        }
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var hosts = slash < 0 ? rest : rest[..slash];
        if (slash >= 0 && rest.Length > slash + 1)
        {
            Set(builder, "Database", Decode(rest[(slash + 1)..]), "database name");
        }
        SetHosts(builder, hosts);

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? "" : Decode(pair[(equals + 1)..]);
            if (key.Equals("sslmode", StringComparison.OrdinalIgnoreCase))
            {
                value = SslModes.TryGetValue(value, out var mode) ? mode
                    : throw new ArgumentException($"sslmode in the PostgreSQL URI must be one of {string.Join(", ", SslModes.Keys)}");
            }
            Set(builder, LibpqKeywords.TryGetValue(key, out var keyword) ? keyword : key, value, $"parameter '{key}'");
        }
        return builder;
    }

    private static void SetHosts(NpgsqlConnectionStringBuilder builder, string hosts)
    {
        if (hosts.Length == 0)
        {
            return;
        }
        var list = hosts.Split(',');
        if (list.Length > 1)
        {
            // Npgsql takes several hosts as "host:port,host:port" and fails over between them.
            Set(builder, "Host", Decode(hosts), "host");
            return;
        }
        var host = hosts;
        var portText = (string?)null;
        var bracket = host.LastIndexOf(']');
        var colon = host.LastIndexOf(':');
        if (colon > bracket)
        {
            portText = host[(colon + 1)..];
            host = host[..colon];
        }
        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }
        Set(builder, "Host", Decode(host), "host");
        if (!string.IsNullOrEmpty(portText))
        {
            if (!int.TryParse(portText, out var port) || port is < 1 or > 65535)
            {
                throw new ArgumentException("the port in the PostgreSQL URI is not a number between 1 and 65535");
            }
            builder.Port = port;
        }
    }

    // Malformed escapes are kept as they are, as libpq does not reject them either.
    private static string Decode(string part) => Uri.UnescapeDataString(part);

    private static void Set(NpgsqlConnectionStringBuilder builder, string keyword, string value, string what)
    {
        try
        {
            builder[keyword] = value;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException($"the {what} of the PostgreSQL URI is not supported or has the wrong form");
        }
    }
}
