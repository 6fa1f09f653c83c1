namespace Connectors.Mcp.Commands.Shared;

/// <summary>A request the CLI refuses (exit 1). The message is shown as it is and says what to do.</summary>
internal sealed class CommandRefusedException(string message) : Exception(message);
