using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Storage.Sqlite;

/// <summary>PLACEHOLDER — replaced by the storage implementation.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string databasePath)
    {
        _ = databasePath;
        services.AddSingleton<SqliteDatabase>();
        return services;
    }
}
