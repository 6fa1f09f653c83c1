using Connectors.Mcp.Core.Catalog;

namespace Connectors.Mcp.Hosting.Auth;

/// <summary>What an API key authenticates as: its workspace's id (the session's tenant) and slug, the key's id and its scope.</summary>
public sealed record ApiKeyWorkspace(string Id, string Slug, string KeyId, ToolScope Scope);
