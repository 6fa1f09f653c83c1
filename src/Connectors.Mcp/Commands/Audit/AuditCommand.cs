using System.CommandLine;
using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Commands.Audit;

/// <summary><c>audit list|verify</c>.</summary>
internal sealed class AuditCommand : Command
{
    public AuditCommand(CliContext context)
        : base("audit", "The audit log: one hash-chained row per tool call.")
    {
        Add(new AuditListCommand(context));
        Add(new AuditVerifyCommand(context));
    }
}
