using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Sqlite;

namespace Connectors.Mcp.Composition.Storage;

/// <summary><see cref="IStorageMigrator"/> for <c>connectors.db</c> in the home folder.</summary>
internal sealed class SqliteStorageMigrator(SqliteDatabase database, AppHome home) : IStorageMigrator
{
    public string Description => home.DatabasePath;

    public Task MigrateAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);
}
