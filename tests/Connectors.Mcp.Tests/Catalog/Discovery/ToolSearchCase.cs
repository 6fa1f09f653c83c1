namespace Connectors.Mcp.Tests.Catalog.Discovery;

/// <summary>
/// A request as a person would put it to an agent, and the tools that would serve it: any one of them among the top
/// three results passes. <paramref name="HeldOut"/>: written after the search vocabulary was frozen, never tuned on.
/// <paramref name="KnownMiss"/>: why a held-out request misses, when it did on its one run; such a request is reported
/// but does not fail the test, and the vocabulary is not changed for it.
/// </summary>
public sealed record ToolSearchCase(string Request, string[] Acceptable, bool HeldOut = false, string? KnownMiss = null);
