namespace Connectors.Mcp.Storage.Tests.Backends;

/// <summary>A fresh database file in its own temp folder per <see cref="TestStores"/>.</summary>
public sealed class SqliteBackend : StorageBackend
{
    public override async Task<TestStores> CreateAsync()
    {
        var stores = SqliteTestStores.Create();
        await stores.InitialiseAsync();
        return stores;
    }
}
