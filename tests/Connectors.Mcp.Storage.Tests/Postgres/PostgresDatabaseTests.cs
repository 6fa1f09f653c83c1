using Connectors.Mcp.Storage.Postgres;
using Connectors.Mcp.TestSupport.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Storage.Tests.Postgres;

public sealed class PostgresDatabaseTests
{
    [SkippableFact]
    public async Task Migrate_AppliesEveryMigrationOnce_EvenWhenThreeInstancesStartAtOnce()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync("mig");
        var time = new FakeTimeProvider();
        var databases = Enumerable.Range(0, 3).Select(_ => new PostgresDatabase(schema.ConnectionString, time)).ToArray();
        try
        {
            await Task.WhenAll(databases.Select(d => d.MigrateAsync(CancellationToken.None)));
            await databases[0].MigrateAsync(CancellationToken.None);

            Assert.Equal(PostgresDatabase.KnownMigrations.Count, await databases[1].SchemaVersionAsync(CancellationToken.None));
            await using var connection = await databases[2].DataSource.OpenConnectionAsync();
            await using var count = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM schema_migrations", connection);
            Assert.Equal((long)PostgresDatabase.KnownMigrations.Count, await count.ExecuteScalarAsync());
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    [SkippableFact]
    public async Task Migrate_RefusesADatabaseANewerBuildMigrated()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync("mig");
        await using var database = new PostgresDatabase(schema.ConnectionString, new FakeTimeProvider());
        await database.MigrateAsync(CancellationToken.None);
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        await using (var future = new Npgsql.NpgsqlCommand("INSERT INTO schema_migrations VALUES (999, '0999_future', now())", connection))
        {
            await future.ExecuteNonQueryAsync();
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => database.MigrateAsync(CancellationToken.None));

        Assert.Contains("999", refused.Message);
        Assert.Contains("newer than this build", refused.Message);
    }

    [Fact]
    public void Description_NeverShowsThePassword()
    {
        using var database = new PostgresDatabase("postgres://app:s3cret%21@db.internal:6543/connectors?sslmode=require", TimeProvider.System);

        Assert.Equal("postgres://app@db.internal:6543/connectors", database.Description);
        Assert.DoesNotContain("s3cret", database.Description);
    }
}
