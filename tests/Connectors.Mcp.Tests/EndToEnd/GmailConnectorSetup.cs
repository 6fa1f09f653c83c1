using Connectors.Mcp.Sandbox.Google;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>A Gmail connector added through the CLI: its id, its name (the tool prefix) and the tokens it was given.</summary>
public sealed record GmailConnectorSetup(string Workspace, string ConnectorId, string Name, FakeTokenGrant Grant)
{
    public string Tool(string action) => $"{Name}_{action}";
}
