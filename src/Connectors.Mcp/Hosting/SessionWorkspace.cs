using System.Security.Claims;
using Connectors.Mcp.Core.Catalog;
using ModelContextProtocol.Server;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// The workspace a request is bound to and the tools of it the request may see and call: over HTTP what its credentials
/// name, over stdio what the process was started for. Never a value from the request's parameters. Fails closed: a
/// request bound to a workspace without a scope is refused, not given every tool.
/// </summary>
public sealed class SessionWorkspace(string? fixedWorkspaceId, ToolScope? fixedScope)
{
    public SessionBinding Resolve(MessageContext context) => Resolve(context.User);

    /// <summary>The binding of a request authenticated as <paramref name="user"/> (<c>null</c> over stdio).</summary>
    public SessionBinding Resolve(ClaimsPrincipal? user)
    {
        if (WorkspaceClaims.Find(user) is { } workspaceId)
        {
            return new SessionBinding(workspaceId, WorkspaceClaims.FindScope(user)
                ?? throw new InvalidOperationException("The request names a workspace but no tool scope; it is refused."));
        }

        if (fixedWorkspaceId is null)
        {
            throw new InvalidOperationException("The request is not bound to a workspace.");
        }

        return new SessionBinding(fixedWorkspaceId, fixedScope ?? throw new InvalidOperationException("The served workspace has no tool scope; the request is refused."));
    }
}
