using Connectors.Mcp.Storage.Postgres;
using Npgsql;

namespace Connectors.Mcp.Storage.Tests.Postgres;

public sealed class PostgresConnectionStringTests
{
    [Theory]
    [InlineData("postgres://app:p%40ss@db.example:6543/connectors?sslmode=require", "db.example", 6543, "app", "p@ss", "connectors")]
    [InlineData("postgresql://app@localhost/connectors", "localhost", 5432, "app", null, "connectors")]
    [InlineData("Host=db;Port=5433;Username=u;Password=pw;Database=d", "db", 5433, "u", "pw", "d")]
    public void Parse_ReadsUrlsAndConnectionStrings(string value, string host, int port, string user, string? password, string database)
    {
        var builder = PostgresConnectionString.Parse(value);

        Assert.Equal(host, builder.Host);
        Assert.Equal(port, builder.Port);
        Assert.Equal(user, builder.Username);
        Assert.Equal(password, builder.Password);
        Assert.Equal(database, builder.Database);
        Assert.Equal("connectors-mcp", builder.ApplicationName);
    }

    [Fact]
    public void Parse_PassesUrlParametersToNpgsql()
    {
        Assert.Equal(SslMode.Require, PostgresConnectionString.Parse("postgres://u:p@h/d?sslmode=require").SslMode);
    }

    [Theory]
    [InlineData("mysql://u:secretpw@h/d")]
    [InlineData("postgres://u:secretpw@h/d?nosuchsetting=1")]
    [InlineData("Host=h;Password=secretpw;Bogus Keyword=1")]
    [InlineData("Password=secretpw")]
    public void Parse_RefusesWhatItCannotUse_WithoutQuotingThePassword(string value)
    {
        var refused = Assert.Throws<FormatException>(() => PostgresConnectionString.Parse(value));

        Assert.DoesNotContain("secretpw", refused.Message);
    }

    [Theory]
    [InlineData("postgres://h/d", true)]
    [InlineData("POSTGRESQL://h/d", true)]
    [InlineData("Host=h;Database=d", true)]
    [InlineData("/var/lib/connectors.db", false)]
    [InlineData("", false)]
    public void IsPostgres_TellsAPostgresConnectionFromAFilePath(string value, bool expected) =>
        Assert.Equal(expected, PostgresConnectionString.IsPostgres(value));
}
