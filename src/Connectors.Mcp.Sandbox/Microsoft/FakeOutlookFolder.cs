namespace Connectors.Mcp.Sandbox.Microsoft;

/// <summary>A mail folder of the fake mailbox: its id, display name and well-known name (e.g. <c>inbox</c>), if any.</summary>
public sealed record FakeOutlookFolder(string Id, string DisplayName, string? WellKnownName);
