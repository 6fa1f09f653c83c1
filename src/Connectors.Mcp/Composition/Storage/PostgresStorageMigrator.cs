using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Postgres;

namespace Connectors.Mcp.Composition.Storage;

/// <summary>
/// <see cref="IStorageMigrator"/> for a PostgreSQL database shared by several instances: migrations under an advisory
/// lock, then the master key checked against the database's (every instance and CLI must share it).
/// </summary>
internal sealed class PostgresStorageMigrator(PostgresDatabase database, SecretProtector protector) : IStorageMigrator
{
    public string Description => database.Description;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await database.MigrateAsync(cancellationToken);
        await database.CheckMasterKeyAsync(protector, cancellationToken);
    }
}
