using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// Who an authenticated admin request came from: the admin token (by bearer header, or through the browser session it
/// opened). <see cref="Session"/> is set for cookie sessions only. <see cref="DecidedBy"/> is what approvals record.
/// </summary>
public sealed record AdminCaller(string TokenId, string TokenName, AdminSession? Session)
{
    public string DecidedBy => $"admin:{TokenName}";
}
