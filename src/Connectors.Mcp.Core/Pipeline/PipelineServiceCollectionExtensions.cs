using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Pipeline.Approval;
using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Pipeline.Execution;
using Connectors.Mcp.Core.Pipeline.Idempotency;
using Connectors.Mcp.Core.Pipeline.RateLimiting;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Connectors.Mcp.Core.Pipeline;

public static class PipelineServiceCollectionExtensions
{
    /// <summary>Registers the catalog and every pipeline stage. Stores, the registry and TimeProvider come from the host.</summary>
    public static IServiceCollection AddToolPipeline(this IServiceCollection services, Action<ToolPipelineOptions>? configure = null)
    {
        var options = services.AddOptions<ToolPipelineOptions>()
            .Validate(o => o.ApprovalLifetime > TimeSpan.Zero, "ApprovalLifetime must be positive.")
            .Validate(o => o.ConnectorErrorThreshold >= 1, "ConnectorErrorThreshold must be at least 1.")
            .Validate(o => o.CallsPerMinute is null or >= 1, "CallsPerMinute must be at least 1.")
            .Validate(o => o.ConnectorCallsPerMinute is null or >= 1, "ConnectorCallsPerMinute must be at least 1.")
            .Validate(o => o.IdempotencyLifetime > TimeSpan.Zero && o.IdempotencyStaleClaimAfter > TimeSpan.Zero, "Idempotency lifetimes must be positive.")
            .Validate(o => o.RefusalAuditRowsPerWindow >= 0 && o.RefusalAuditWindow > TimeSpan.Zero, "RefusalAuditRowsPerWindow must be at least 0 and RefusalAuditWindow positive.")
            .ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<ToolCatalog>();
        // In memory unless the storage registered shared buckets first (PostgreSQL: one table for every instance).
        services.TryAddSingleton<IRateLimitBuckets, InProcessRateLimitBuckets>();
        // Pure polling unless the storage can signal changes (PostgreSQL: LISTEN/NOTIFY).
        services.TryAddSingleton<IStorageChangeSignal, TimerStorageChangeSignal>();
        services.AddSingleton<WorkspaceRateLimiter>();
        services.AddSingleton<RefusalAudit>();
        services.AddSingleton<ApprovalGate>();
        // One per process: its per-connector turns are what keeps refreshes in this process to one at a time.
        services.TryAddSingleton<CredentialRefreshCoordinator>();
        services.TryAddSingleton<ConnectorDisconnection>();
        services.AddSingleton<KeyedTurns>();
        services.TryAddSingleton<ProviderHttpHandlers>();
        services.AddSingleton<OAuthClientCache>();
        services.AddSingleton<ConnectorInvoker>();
        services.AddSingleton<ApprovedActionRunner>();
        services.AddSingleton<ApprovalDecisions>();
        services.AddSingleton<ToolPipeline>();
        return services;
    }
}
