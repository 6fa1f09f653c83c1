namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>PLACEHOLDER — replaced by the storage implementation.</summary>
public sealed class SqliteDatabase
{
    public Task MigrateAsync(CancellationToken cancellationToken) => throw new NotImplementedException();
}
