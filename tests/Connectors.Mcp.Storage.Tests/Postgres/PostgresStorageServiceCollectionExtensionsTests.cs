using System.Security.Cryptography;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Postgres;
using Connectors.Mcp.TestSupport.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Storage.Tests.Postgres;

public sealed class PostgresStorageServiceCollectionExtensionsTests
{
    [SkippableFact]
    public async Task AddPostgresStorage_WithHostServices_ResolvesThePortedStoresOnOneDatabase()
    {
        await using var schema = await PostgresTestServer.CreateSchemaAsync("di");
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new SecretProtector(RandomNumberGenerator.GetBytes(32)));
        services.AddPostgresStorage(schema.ConnectionString);

        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var database = provider.GetRequiredService<PostgresDatabase>();
        Assert.Same(database, provider.GetRequiredService<PostgresDatabase>());
        Assert.IsType<PostgresWorkspaceStore>(provider.GetRequiredService<IWorkspaceStore>());
        Assert.IsType<PostgresConnectorStore>(provider.GetRequiredService<IConnectorStore>());
        Assert.IsType<PostgresCredentialStore>(provider.GetRequiredService<ICredentialStore>());
        Assert.IsType<PostgresPolicyStore>(provider.GetRequiredService<IPolicyStore>());
        Assert.IsType<PostgresApprovalRuleStore>(provider.GetRequiredService<IApprovalRuleStore>());

        await database.MigrateAsync(CancellationToken.None);
        var workspace = await provider.GetRequiredService<IWorkspaceStore>().CreateAsync("acme", WorkspacePlan.Free, CancellationToken.None);
        Assert.Equal(workspace, (await provider.GetRequiredService<IWorkspaceStore>().ListAsync(CancellationToken.None)).Single());
    }
}
