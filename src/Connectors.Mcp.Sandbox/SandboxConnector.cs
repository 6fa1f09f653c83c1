namespace Connectors.Mcp.Sandbox;

/// <summary>A demo connector a sandbox family seeds: its connector type and its name (the tool prefix).</summary>
public sealed record SandboxConnector(string Type, string Name);
