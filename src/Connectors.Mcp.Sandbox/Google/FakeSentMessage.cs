using MimeKit;

namespace Connectors.Mcp.Sandbox.Google;

/// <summary>A message the fake received through <c>messages.send</c>: the raw RFC 822 text as sent, parsed with MimeKit.</summary>
public sealed record FakeSentMessage(string Id, string ThreadId, string? RequestedThreadId, string Raw, MimeMessage Message);
