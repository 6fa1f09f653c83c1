using Connectors.Mcp.Storage.Postgres;
using Npgsql;

namespace Bench.Load;

/// <summary>A fresh PostgreSQL database for one run (<c>BENCH_POSTGRES</c> names a role that may create databases), dropped at the end.</summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string _admin;

    private BenchDatabase(string admin, string name, string connection)
    {
        _admin = admin;
        Name = name;
        Connection = connection;
    }

    public string Name { get; }

    /// <summary>The connection every instance gets with <c>--database</c> (an Npgsql connection string).</summary>
    public string Connection { get; }

    public static async Task<BenchDatabase> CreateAsync(string adminConnection)
    {
        var admin = PostgresConnectionString.Parse(adminConnection);
        var name = $"bench_{Guid.NewGuid():N}"[..30];
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var database = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name };
        return new BenchDatabase(admin.ConnectionString, name, database.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
