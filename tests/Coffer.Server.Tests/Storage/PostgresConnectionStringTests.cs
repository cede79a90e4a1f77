using Coffer.Server.Storage;
using Npgsql;

namespace Coffer.Server.Tests.Storage;

public sealed class PostgresConnectionStringTests
{
    private static NpgsqlConnectionStringBuilder Parse(string setting) => new(PostgresConnectionString.Parse(setting));

    [Fact]
    public void Statements_are_prepared_automatically_unless_the_setting_says_otherwise()
    {
        Assert.Equal(PostgresConnectionString.DefaultMaxAutoPrepare, Parse("Host=db;Username=coffer;Database=coffer").MaxAutoPrepare);
        Assert.Equal(PostgresConnectionString.DefaultMaxAutoPrepare, Parse("postgres://coffer@db/coffer").MaxAutoPrepare);
        Assert.Equal(0, Parse("Host=db;Username=coffer;Database=coffer;Max Auto Prepare=0").MaxAutoPrepare);
        Assert.Equal(5, Parse("Host=db;Username=coffer;Database=coffer;maxautoprepare=5").MaxAutoPrepare);
    }

    [Fact]
    public void Pooled_connections_are_not_reset_unless_the_setting_says_otherwise()
    {
        Assert.True(Parse("Host=db;Username=coffer;Database=coffer").NoResetOnClose);
        Assert.True(Parse("postgres://coffer@db/coffer").NoResetOnClose);
        Assert.False(Parse("Host=db;Username=coffer;Database=coffer;No Reset On Close=false").NoResetOnClose);
        Assert.False(Parse("postgres://coffer@db/coffer?noresetonclose=false").NoResetOnClose);
    }

    [Fact]
    public void A_postgres_uri_gives_host_port_user_password_database_and_ssl_mode()
    {
        var parsed = Parse("postgres://coffer:s%40cr%3At@db.example.com:6543/coffer_prod?sslmode=disable");

        Assert.Equal("db.example.com", parsed.Host);
        Assert.Equal(6543, parsed.Port);
        Assert.Equal("coffer", parsed.Username);
        Assert.Equal("s@cr:t", parsed.Password);
        Assert.Equal("coffer_prod", parsed.Database);
        Assert.Equal(SslMode.Disable, parsed.SslMode);
    }

    [Fact]
    public void A_postgresql_uri_without_password_or_port_uses_the_defaults()
    {
        var parsed = Parse("postgresql://coffer@db/coffer");

        Assert.Equal("db", parsed.Host);
        Assert.Equal(NpgsqlConnection.DefaultPort, parsed.Port);
        Assert.Equal("coffer", parsed.Username);
        Assert.Null(parsed.Password);
    }

    [Fact]
    public void An_unencoded_at_sign_in_the_password_still_parses()
    {
        var parsed = Parse("postgres://coffer:p@ss@db:5433/coffer");

        Assert.Equal("p@ss", parsed.Password);
        Assert.Equal("db", parsed.Host);
        Assert.Equal(5433, parsed.Port);
    }

    [Fact]
    public void Libpq_query_parameters_become_npgsql_settings()
    {
        var parsed = Parse("postgres://coffer@db/coffer?sslmode=verify-full&application_name=coffer-eu&connect_timeout=7&target_session_attrs=read-write");

        Assert.Equal(SslMode.VerifyFull, parsed.SslMode);
        Assert.Equal("coffer-eu", parsed.ApplicationName);
        Assert.Equal(7, parsed.Timeout);
        Assert.Equal("read-write", parsed.TargetSessionAttributes);
    }

    [Fact]
    public void Several_hosts_and_bracketed_ipv6_addresses_are_understood()
    {
        Assert.Equal("one:5432,two:5433", Parse("postgres://coffer@one:5432,two:5433/coffer").Host);
        var ipv6 = Parse("postgres://coffer@[::1]:5433/coffer");
        Assert.Equal("::1", ipv6.Host);
        Assert.Equal(5433, ipv6.Port);
    }

    [Fact]
    public void The_keyword_form_is_taken_as_it_is()
    {
        var parsed = Parse("Host=db;Port=5433;Username=coffer;Password=secret;Database=coffer");

        Assert.Equal(("db", 5433, "coffer", "secret", "coffer"), (parsed.Host, parsed.Port, parsed.Username, parsed.Password, parsed.Database));
    }
}
