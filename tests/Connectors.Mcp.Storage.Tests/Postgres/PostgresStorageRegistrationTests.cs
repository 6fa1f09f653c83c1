using System.Security.Cryptography;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Storage.Tests.Postgres;

/// <summary>AddPostgresStorage registers the approval, audit, OAuth, idempotency, admin, watermark and reconciler stores on one database (no connection is opened).</summary>
public sealed class PostgresStorageRegistrationTests
{
    [Fact]
    public async Task AddPostgresStorage_WithHostServices_ResolvesTheApprovalAuditAndTokenStoresOnOneDatabase()
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new SecretProtector(RandomNumberGenerator.GetBytes(32)));
        services.AddPostgresStorage("postgres://user:secret@127.0.0.1:1/none");

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Same(provider.GetRequiredService<PostgresDatabase>(), provider.GetRequiredService<PostgresDatabase>());
        Assert.IsType<PostgresApprovalStore>(provider.GetRequiredService<IApprovalStore>());
        Assert.IsType<PostgresAuditLog>(provider.GetRequiredService<IAuditLog>());
        Assert.IsType<PostgresOperatorAuditLog>(provider.GetRequiredService<IOperatorAuditLog>());
        Assert.IsType<PostgresOAuthStateStore>(provider.GetRequiredService<IOAuthStateStore>());
        Assert.IsType<PostgresIdempotencyStore>(provider.GetRequiredService<IIdempotencyStore>());
        Assert.IsType<PostgresAdminTokenStore>(provider.GetRequiredService<IAdminTokenStore>());
        Assert.IsType<PostgresWorkspaceWatermarks>(provider.GetRequiredService<IWorkspaceWatermarks>());
        Assert.IsType<PostgresInterruptedCallReconciler>(provider.GetRequiredService<IInterruptedCallReconciler>());
    }
}
