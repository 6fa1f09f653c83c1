namespace Connectors.Mcp.Core.Pipeline.Approval;

public enum GateVerdict
{
    Proceed,
    Denied,
    Pending,
}
