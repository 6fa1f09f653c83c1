using System.CommandLine;
using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Commands.Sandbox;

/// <summary><c>sandbox fakes</c>: the sandbox's provider fakes as a process of their own.</summary>
internal sealed class SandboxCommand : Command
{
    public SandboxCommand(CliContext context)
        : base("sandbox", "The sandbox's local fakes of Google, Microsoft and Zoom, for trying several servers on one database.")
    {
        Add(new SandboxFakesCommand(context));
    }
}
