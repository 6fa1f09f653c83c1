using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

/// <summary>A connector's server-to-server app (migration 0015): encrypted per connector, activating a connector in needs_reauth.</summary>
public abstract class ServerAppContract(StorageBackend backend)
{
    private const string Secret = "s2s-client-secret-never-in-clear";
    private static readonly CancellationToken None = CancellationToken.None;

    [SkippableFact]
    public async Task SetServerApp_ThenGet_RoundTrips_KeepsTheSecretOutOfTheFiles_AndActivatesTheConnector()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "first", new Dictionary<string, string>(), None);
        Assert.Null(await storage.Credentials.GetServerAppAsync(workspace.Id, connector.Id, None));

        await storage.Credentials.SetServerAppAsync(workspace.Id, connector.Id, new ServerAppCredentials("acct-1", "client-1", Secret), None);

        Assert.Equal(new ServerAppCredentials("acct-1", "client-1", Secret), await storage.Credentials.GetServerAppAsync(workspace.Id, connector.Id, None));
        Assert.False(await storage.ContainsAsync(Secret));
        Assert.Equal(ConnectorStatus.Active, (await storage.Connectors.FindAsync(connector.Id, None))!.Status);
    }

    [SkippableFact]
    public async Task Disconnect_DeletesTheApp_WithTheTokens()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "first", new Dictionary<string, string>(), None);
        await storage.Credentials.SetServerAppAsync(workspace.Id, connector.Id, new ServerAppCredentials("acct-1", "client-1", Secret), None);

        await storage.Credentials.DeleteTokensAsync(connector.Id, None);

        Assert.Null(await storage.Credentials.GetServerAppAsync(workspace.Id, connector.Id, None));
        Assert.Equal(0L, await storage.ScalarRawAsync("SELECT count(*) FROM connector_server_apps;"));
        Assert.Equal(ConnectorStatus.NeedsReauth, (await storage.Connectors.FindAsync(connector.Id, None))!.Status);
    }

    [SkippableFact]
    public async Task SecretCopiedToAnotherConnector_DoesNotDecrypt_AndTheErrorNamesTheCommand()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var first = await storage.Connectors.AddAsync(workspace.Id, "gmail", "first", new Dictionary<string, string>(), None);
        var second = await storage.Connectors.AddAsync(workspace.Id, "gmail", "second", new Dictionary<string, string>(), None);
        await storage.Credentials.SetServerAppAsync(workspace.Id, first.Id, new ServerAppCredentials("a", "c", Secret), None);
        await storage.Credentials.SetServerAppAsync(workspace.Id, second.Id, new ServerAppCredentials("a", "c", "other"), None);

        await storage.ExecuteRawAsync($"UPDATE connector_server_apps SET client_secret_encrypted = (SELECT client_secret_encrypted FROM connector_server_apps WHERE connector_id = '{first.Id}') WHERE connector_id = '{second.Id}';");

        var error = await Assert.ThrowsAsync<InvalidStateException>(() => storage.Credentials.GetServerAppAsync(workspace.Id, second.Id, None));
        Assert.Contains("connector set-client-credentials", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task RemovingTheConnector_RemovesItsApp()
    {
        await using var storage = await backend.CreateAsync();
        var workspace = await storage.CreateWorkspaceAsync();
        var connector = await storage.Connectors.AddAsync(workspace.Id, "gmail", "first", new Dictionary<string, string>(), None);
        await storage.Credentials.SetServerAppAsync(workspace.Id, connector.Id, new ServerAppCredentials("a", "c", Secret), None);

        await storage.Connectors.RemoveAsync(connector.Id, None);

        Assert.Null(await storage.Credentials.GetServerAppAsync(workspace.Id, connector.Id, None));
    }
}
