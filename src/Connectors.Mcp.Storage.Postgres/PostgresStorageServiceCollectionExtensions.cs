using Connectors.Mcp.Core.Pipeline.RateLimiting;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Storage.Postgres;

public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="PostgresDatabase"/> on <paramref name="connection"/> (a postgres URL or an Npgsql connection
    /// string) and every store as a singleton. The host registers <see cref="TimeProvider"/> and
    /// <see cref="Core.Security.SecretProtector"/>, and calls <see cref="PostgresDatabase.MigrateAsync"/> at start.
    /// </summary>
    public static IServiceCollection AddPostgresStorage(this IServiceCollection services, string connection)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connection);
        services.AddSingleton(sp => new PostgresDatabase(connection, sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<PostgresDatabase>>()));

        // Rate limits shared by every instance (Core's pipeline keeps its in-memory buckets only when none is registered).
        services.AddSingleton<IRateLimitBuckets, PostgresRateLimitBuckets>();

        // LISTEN/NOTIFY wakes the pollers behind tools/list_changed and the console's events when any instance changes something.
        services.AddSingleton<IStorageChangeSignal, PostgresStorageChangeSignal>();

        // Stores (one line each; the helpers porting them add theirs here).
        services.AddSingleton<IWorkspaceStore, PostgresWorkspaceStore>();
        services.AddSingleton<IConnectorStore, PostgresConnectorStore>();
        services.AddSingleton<ICredentialStore, PostgresCredentialStore>();
        services.AddSingleton<IPolicyStore, PostgresPolicyStore>();
        services.AddSingleton<IApprovalRuleStore, PostgresApprovalRuleStore>();
        services.AddSingleton<IApprovalStore, PostgresApprovalStore>();
        services.AddSingleton<IAuditLog, PostgresAuditLog>();
        services.AddSingleton<IOAuthStateStore, PostgresOAuthStateStore>();
        services.AddSingleton<IInterruptedCallReconciler, PostgresInterruptedCallReconciler>();
        services.AddSingleton<IIdempotencyStore, PostgresIdempotencyStore>();
        services.AddSingleton<IAdminTokenStore, PostgresAdminTokenStore>();
        services.AddSingleton<IWorkspaceWatermarks, PostgresWorkspaceWatermarks>();
        services.AddSingleton<IOperatorAuditLog, PostgresOperatorAuditLog>();
        return services;
    }
}
