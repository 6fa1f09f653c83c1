using System.Text.Json.Nodes;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>One server-sent event of <c>GET /admin/api/events</c>: <c>approvals</c>, <c>connectors</c> or <c>audit</c>, with its JSON data.</summary>
public sealed record AdminEvent(string Name, JsonObject Data)
{
    public const string Approvals = "approvals";
    public const string Connectors = "connectors";
    public const string Audit = "audit";
}
