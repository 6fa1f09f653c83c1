using MimeKit;

namespace Connectors.Mcp.Sandbox.Google;

/// <summary>A draft the fake received through <c>drafts.create</c>.</summary>
public sealed record FakeDraft(string DraftId, string MessageId, string ThreadId, string? RequestedThreadId, string Raw, MimeMessage Message);
