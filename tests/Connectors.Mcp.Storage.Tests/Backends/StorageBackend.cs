namespace Connectors.Mcp.Storage.Tests.Backends;

/// <summary>A way to get fresh <see cref="TestStores"/>; each contract test class is run once per backend.</summary>
public abstract class StorageBackend
{
    public static readonly StorageBackend Sqlite = new SqliteBackend();

    public static readonly StorageBackend Postgres = new PostgresBackend();

    /// <summary>Every store on a fresh, migrated database with the connector types defined. Skips (or, in CI, fails) when the backend is not available.</summary>
    public abstract Task<TestStores> CreateAsync();
}
