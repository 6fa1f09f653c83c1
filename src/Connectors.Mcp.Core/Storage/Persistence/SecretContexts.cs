using Connectors.Mcp.Core.Security;

namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>
/// The associated data each stored ciphertext is bound to (<see cref="SecretProtector"/>): a ciphertext decrypts only in
/// its own row. One spelling for every backend, so the same row means the same wherever it is stored.
/// </summary>
public static class SecretContexts
{
    public static string ApprovalArguments(string workspaceId, string approvalId) => SecretProtector.ApprovalContext(workspaceId, approvalId);

    public static string ApprovalSummary(string workspaceId, string approvalId) => SecretProtector.ApprovalContext(workspaceId, approvalId) + "|summary";

    public static string ApprovalResult(string workspaceId, string approvalId) => SecretProtector.ApprovalContext(workspaceId, approvalId) + "|result";

    public static string IdempotencyResult(string workspaceId, string key) => $"idempotency-result|{workspaceId}|{key}";

    public static string OAuthState(string workspaceId, string connectorId, string stateHash) => $"oauth-state|{workspaceId}|{connectorId}|{stateHash}";
}
