using Connectors.Mcp.Core.Instructions;

namespace Connectors.Mcp.Commands.Shared;

/// <summary>The executable's name as messages print it, so every "run this" hint is copy-pasteable.</summary>
internal static class CliNames
{
    public const string Executable = CliInstructions.Executable;

    public const string DebugVariable = "CONNECTORS_MCP_DEBUG";
}
