using Npgsql;

namespace Connectors.Mcp.TestSupport.Postgres;

/// <summary>A schema of its own on the test cluster (<see cref="PostgresTestServer.CreateSchemaAsync"/>), dropped on dispose.</summary>
public sealed class PostgresTestSchema(string name, string connectionString, string adminConnectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    /// <summary>An Npgsql connection string whose search path is this schema.</summary>
    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{Name}\" CASCADE", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
