using System.Security.Cryptography;
using Connectors.Mcp.Core.Security;
using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Storage.Sqlite.Tests;

public sealed class SqliteStorageServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddSqliteStorage_WithHostServices_ResolvesEveryStoreOnOneDatabase()
    {
        var folder = Path.Combine(Path.GetTempPath(), "connectors-mcp-storage-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var services = new ServiceCollection();
            services.AddSingleton(TimeProvider.System);
            services.AddSingleton(new SecretProtector(RandomNumberGenerator.GetBytes(32)));
            services.AddSqliteStorage(Path.Combine(folder, "home", "connectors.db"));

            await using (var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }))
            {
                var database = provider.GetRequiredService<SqliteDatabase>();
                Assert.Same(database, provider.GetRequiredService<SqliteDatabase>());
                Assert.IsType<SqliteWorkspaceStore>(provider.GetRequiredService<IWorkspaceStore>());
                Assert.IsType<SqliteConnectorStore>(provider.GetRequiredService<IConnectorStore>());
                Assert.IsType<SqliteCredentialStore>(provider.GetRequiredService<ICredentialStore>());
                Assert.IsType<SqlitePolicyStore>(provider.GetRequiredService<IPolicyStore>());
                Assert.IsType<SqliteApprovalRuleStore>(provider.GetRequiredService<IApprovalRuleStore>());
                Assert.IsType<SqliteApprovalStore>(provider.GetRequiredService<IApprovalStore>());
                Assert.IsType<SqliteAuditLog>(provider.GetRequiredService<IAuditLog>());
                Assert.IsType<SqliteOAuthStateStore>(provider.GetRequiredService<IOAuthStateStore>());

                await database.MigrateAsync(CancellationToken.None);
                var workspace = await provider.GetRequiredService<IWorkspaceStore>().CreateAsync("acme", WorkspacePlan.Free, CancellationToken.None);
                Assert.Equal(workspace, (await provider.GetRequiredService<IWorkspaceStore>().ListAsync(CancellationToken.None)).Single());
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
