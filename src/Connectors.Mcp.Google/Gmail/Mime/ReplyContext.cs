namespace Connectors.Mcp.Google.Gmail.Mime;

/// <summary>What a reply needs from the original message: its thread, its Message-ID and its References.</summary>
internal sealed record ReplyContext(string ThreadId, string? MessageIdHeader, string? References);
