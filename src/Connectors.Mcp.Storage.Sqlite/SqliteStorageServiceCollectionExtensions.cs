using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Storage.Sqlite;

public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SqliteDatabase"/> on <paramref name="databasePath"/> and every store as a singleton. The
    /// host registers <see cref="TimeProvider"/> and <see cref="SecretProtector"/>, and calls
    /// <see cref="SqliteDatabase.MigrateAsync"/> at start.
    /// </summary>
    public static IServiceCollection AddSqliteStorage(this IServiceCollection services, string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        services.AddSingleton(sp => new SqliteDatabase(databasePath, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<SqliteDatabase>>()));
        services.AddSingleton<IWorkspaceStore, SqliteWorkspaceStore>();
        services.AddSingleton<IConnectorStore, SqliteConnectorStore>();
        services.AddSingleton<ICredentialStore, SqliteCredentialStore>();
        services.AddSingleton<IPolicyStore, SqlitePolicyStore>();
        services.AddSingleton<IApprovalRuleStore, SqliteApprovalRuleStore>();
        services.AddSingleton<IApprovalStore, SqliteApprovalStore>();
        services.AddSingleton<IAuditLog, SqliteAuditLog>();
        services.AddSingleton<IOAuthStateStore, SqliteOAuthStateStore>();
        services.AddSingleton<IInterruptedCallReconciler, SqliteInterruptedCallReconciler>();
        services.AddSingleton<IIdempotencyStore, SqliteIdempotencyStore>();
        services.AddSingleton<IAdminTokenStore, SqliteAdminTokenStore>();
        services.AddSingleton<IWorkspaceWatermarks, SqliteWorkspaceWatermarks>();
        services.AddSingleton<IOperatorAuditLog, SqliteOperatorAuditLog>();
        return services;
    }
}
