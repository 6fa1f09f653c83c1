using MimeKit;

namespace Connectors.Mcp.Sandbox.Google;

/// <summary>A snapshot of one message in the fake mailbox.</summary>
public sealed record FakeMailboxMessage(string Id, string ThreadId, IReadOnlyList<string> LabelIds, MimeMessage Message, DateTimeOffset InternalDate);
