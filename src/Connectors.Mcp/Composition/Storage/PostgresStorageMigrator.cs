using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Postgres;

namespace Connectors.Mcp.Composition.Storage;

/// <summary><see cref="IStorageMigrator"/> for a PostgreSQL database shared by several instances (migrations under an advisory lock).</summary>
internal sealed class PostgresStorageMigrator(PostgresDatabase database) : IStorageMigrator
{
    public string Description => database.Description;

    public Task MigrateAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);
}
