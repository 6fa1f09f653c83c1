using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Storage.Sqlite;

namespace Connectors.Mcp.Google.Tests.TestSupport;

/// <summary>
/// What one connectors-mcp process has: its own connection pool on the shared database file, its own stores and its own
/// <see cref="CredentialRefreshCoordinator"/> (so its in-process turns know nothing of another process's).
/// </summary>
internal sealed class StoredProcess(StoredGmailHarness harness, SqliteConnectorStore connectors, SqliteCredentialStore credentials, CredentialRefreshCoordinator coordinator)
{
    public SqliteConnectorStore Connectors { get; } = connectors;

    public SqliteCredentialStore Credentials { get; } = credentials;

    public CredentialRefreshCoordinator Coordinator { get; } = coordinator;

    /// <summary>A fresh connector instance, as the invoker creates one per call.</summary>
    public IConnector CreateConnector(OAuthClientCredentials? client = null) => harness.Type.Create(harness.CreateContext(
        new StoredConnectorCredentials(Credentials, Connectors, Coordinator, harness.Workspace.Id, harness.ConnectorId),
        client ?? harness.OAuthClient));

    public Task<JsonObject> RunAsync(string action, JsonObject? arguments = null) =>
        CreateConnector().ExecuteAsync(action, arguments ?? new JsonObject(), CancellationToken.None);

    public Task<StoredCredential?> StoredAsync() => Credentials.GetStoredCredentialAsync(harness.Workspace.Id, harness.ConnectorId, CancellationToken.None);

    public async Task<ConnectorInstance> ConnectorAsync() =>
        await Connectors.FindAsync(harness.ConnectorId, CancellationToken.None) ?? throw new InvalidOperationException("The connector is gone.");
}
