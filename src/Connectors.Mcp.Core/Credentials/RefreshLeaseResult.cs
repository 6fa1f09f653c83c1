namespace Connectors.Mcp.Core.Credentials;

/// <summary>The outcome of a refresh-lease compare-and-set, with the instant it is about (lease or back-off end).</summary>
public sealed record RefreshLeaseResult(RefreshLeaseStatus Status, DateTimeOffset? Until = null);
