using System.ComponentModel;
using ModelContextProtocol.Server;

namespace BareEcho;

/// <summary>The one tool: answers its argument back.</summary>
[McpServerToolType]
public static class EchoTool
{
    [McpServerTool(Name = "echo"), Description("Echoes the message back.")]
    public static string Echo([Description("The text to echo.")] string message) => message;
}
