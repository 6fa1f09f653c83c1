using System.CommandLine;
using Connectors.Mcp.Commands.Shared;

namespace Connectors.Mcp.Commands.Audit;

/// <summary><c>audit list|verify|operator</c>.</summary>
internal sealed class AuditCommand : Command
{
    public AuditCommand(CliContext context)
        : base("audit", "The audit logs: one hash-chained row per tool call, one record per operator change.")
    {
        Add(new AuditListCommand(context));
        Add(new AuditVerifyCommand(context));
        Add(new AuditOperatorCommand(context));
    }
}
