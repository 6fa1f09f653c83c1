using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Storage.Sqlite.Tests;

/// <summary>
/// SQLite migration 0003's backfill of credential states (the stores' lifecycle contract: Connectors.Mcp.Storage.Tests
/// CredentialLifecycleContract).
/// </summary>
public sealed class SqliteCredentialStateMigrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly OAuthTokens Tokens = new("ya29.first", "1//refresh", TestStorage.Start.AddHours(1));

    [Fact]
    public async Task Migration_ExistingConnectorsGetTheirCredentialState()
    {
        using var storage = await TestStorage.CreateAsync();
        var (workspace, active) = await SavedAsync(storage);
        var refused = await storage.Connectors.AddAsync(workspace.Id, "gmail", "refused", new Dictionary<string, string>(), None);
        await storage.Credentials.SaveTokensAsync(workspace.Id, refused.Id, Tokens, None);
        var fresh = await storage.Connectors.AddAsync(workspace.Id, "gmail", "fresh", new Dictionary<string, string>(), None);

        // Replay 0003's backfill on rows as 0001 left them: every state reset, one grant refused.
        storage.ExecuteRaw("UPDATE workspace_connectors SET credential_state = 'needs_reauth';");
        storage.ExecuteRaw("UPDATE connector_credentials SET revoked_at = '2026-02-06T12:00:00.000Z' WHERE connector_id = $id;", ("$id", refused.Id));
        var backfill = Sqlite.Internal.SqliteMigrations.All.Single(m => m.Version == 3).Sql
            .Split(';').Single(statement => statement.Contains("UPDATE workspace_connectors", StringComparison.Ordinal));
        storage.ExecuteRaw(backfill);

        Assert.Equal(CredentialState.Active, await StateAsync(storage, active));
        Assert.Equal(CredentialState.NeedsReauth, await StateAsync(storage, refused));
        Assert.Equal(CredentialState.NeedsReauth, await StateAsync(storage, fresh));
    }

    private static async Task<CredentialState> StateAsync(TestStorage storage, ConnectorInstance connector) =>
        (await storage.Connectors.FindAsync(connector.Id, None))!.CredentialState;

    private static async Task<(Workspace Workspace, ConnectorInstance Connector)> AddConnectorAsync(TestStorage storage)
    {
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "gmail", new Dictionary<string, string>(), None);
        return (workspace, connector);
    }

    private static async Task<(Workspace Workspace, ConnectorInstance Connector)> SavedAsync(TestStorage storage)
    {
        var (workspace, connector) = await AddConnectorAsync(storage);
        await storage.Credentials.SaveTokensAsync(workspace.Id, connector.Id, Tokens, None);
        return (workspace, connector);
    }
}
