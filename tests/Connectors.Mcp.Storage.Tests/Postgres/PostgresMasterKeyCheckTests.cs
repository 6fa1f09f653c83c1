using System.Security.Cryptography;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Postgres;
using Connectors.Mcp.TestSupport.Postgres;
using Microsoft.Extensions.Time.Testing;

namespace Connectors.Mcp.Storage.Tests.Postgres;

/// <summary>Instances sharing a database must share the master key: another key is refused at start, before it stores anything.</summary>
public sealed class PostgresMasterKeyCheckTests
{
    [SkippableFact]
    public async Task TheFirstKeyIsTheDatabases_TheSameKeyPasses_AnotherIsRefusedWithoutShowingEither()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync("key");
        await using var database = new PostgresDatabase(schema.ConnectionString, new FakeTimeProvider());
        await database.MigrateAsync(CancellationToken.None);
        var first = RandomNumberGenerator.GetBytes(32);
        var other = RandomNumberGenerator.GetBytes(32);

        await database.CheckMasterKeyAsync(new SecretProtector(first), CancellationToken.None);
        await database.CheckMasterKeyAsync(new SecretProtector(first), CancellationToken.None);
        var refused = await Assert.ThrowsAsync<MasterKeyMismatchException>(() => database.CheckMasterKeyAsync(new SecretProtector(other), CancellationToken.None));

        Assert.Contains("master key", refused.Message, StringComparison.Ordinal);
        Assert.Contains("CONNECTORS_MCP_MASTER_KEY", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(first), refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(other), refused.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task InstancesStartingTogetherWithOneKey_AllPass()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync("key");
        var key = RandomNumberGenerator.GetBytes(32);
        var databases = Enumerable.Range(0, 3).Select(_ => new PostgresDatabase(schema.ConnectionString, new FakeTimeProvider())).ToArray();
        try
        {
            await databases[0].MigrateAsync(CancellationToken.None);
            await Task.WhenAll(databases.Select(d => d.CheckMasterKeyAsync(new SecretProtector(key), CancellationToken.None)));
        }
        finally
        {
            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }
}
