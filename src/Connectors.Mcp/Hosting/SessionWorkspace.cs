using ModelContextProtocol.Server;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// The workspace a request is bound to: over HTTP the one its credentials name, over stdio the one the process was
/// started for. Never a value from the request's parameters.
/// </summary>
public sealed class SessionWorkspace(string? fixedWorkspaceId)
{
    public string Resolve(MessageContext context) =>
        WorkspaceClaims.Find(context.User) ?? fixedWorkspaceId
        ?? throw new InvalidOperationException("The request is not bound to a workspace.");
}
