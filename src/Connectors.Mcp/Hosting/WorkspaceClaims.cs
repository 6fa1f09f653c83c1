using System.Security.Claims;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// How an HTTP request carries the workspace it authenticated as. The workspace id is also the NameIdentifier, so the
/// MCP SDK refuses to let a request with another workspace's key use an existing session.
/// </summary>
public static class WorkspaceClaims
{
    public const string WorkspaceId = "connectors_mcp_workspace_id";
    public const string AuthenticationType = "connectors-mcp";

    public static ClaimsPrincipal For(string workspaceId, string slug) => new(new ClaimsIdentity(
        [new Claim(WorkspaceId, workspaceId), new Claim(ClaimTypes.NameIdentifier, workspaceId), new Claim(ClaimTypes.Name, slug)],
        AuthenticationType));

    public static string? Find(ClaimsPrincipal? user) => user?.FindFirst(WorkspaceId)?.Value;
}
