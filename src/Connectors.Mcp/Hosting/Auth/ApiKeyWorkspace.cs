namespace Connectors.Mcp.Hosting.Auth;

/// <summary>What an API key authenticates as: its workspace's id (the session's tenant) and slug.</summary>
public sealed record ApiKeyWorkspace(string Id, string Slug);
