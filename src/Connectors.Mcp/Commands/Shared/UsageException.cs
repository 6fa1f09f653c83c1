namespace Connectors.Mcp.Commands.Shared;

/// <summary>A value the parser accepted but the command cannot use (exit 2). The message names the valid values.</summary>
internal sealed class UsageException(string message) : Exception(message);
