namespace Connectors.Mcp.Sandbox.Google.Gmail;

/// <summary>A label of the fake mailbox; <see cref="Type"/> is <c>system</c> or <c>user</c>.</summary>
internal sealed record FakeLabel(string Id, string Name, string Type);
