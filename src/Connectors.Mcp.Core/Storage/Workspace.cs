namespace Connectors.Mcp.Core.Storage;

/// <summary>A tenant. <see cref="Id"/> is internal (<c>ws_…</c>); people and the CLI use <see cref="Slug"/>.</summary>
public sealed record Workspace(string Id, string Slug, WorkspacePlan Plan, DateTimeOffset CreatedAt);
