using Connectors.Mcp.TestSupport.Postgres;

namespace Connectors.Mcp.Storage.Tests.Backends;

/// <summary>A fresh schema on the test cluster per <see cref="TestStores"/> (<see cref="PostgresTestServer"/>); skips without one.</summary>
public sealed class PostgresBackend : StorageBackend
{
    public override async Task<TestStores> CreateAsync()
    {
        var schema = await PostgresTestServer.CreateSchemaAsync("st");
        var stores = PostgresTestStores.Create(schema);
        await stores.InitialiseAsync();
        return stores;
    }
}
