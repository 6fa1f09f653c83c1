namespace Connectors.Mcp.Tests.Catalog.Discovery;

/// <summary>
/// A request as a person would put it to an agent, and the tools that would serve it: any one of them among the top
/// three results passes. <paramref name="HeldOut"/>: written after the search vocabulary was frozen, never tuned on.
/// </summary>
public sealed record ToolSearchCase(string Request, string[] Acceptable, bool HeldOut = false);
