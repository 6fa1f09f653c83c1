using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Storage.Tests.Contracts;

/// <summary>An API key with the full scope, for tests that need a key but not its id, name or scope.</summary>
internal static class UnrestrictedApiKeys
{
    public static async Task<string> CreateApiKeyAsync(this IWorkspaceStore store, string workspaceId, OperatorActor actor, CancellationToken cancellationToken) =>
        (await store.CreateApiKeyAsync(workspaceId, null, ToolScope.Full, actor, cancellationToken)).Secret;
}
