using Connectors.Mcp.Core.Pipeline.Audit;

namespace Connectors.Mcp.Core.Errors;

/// <summary>The thing the call names (message, event, label) does not exist or is not visible to this account.</summary>
public sealed class ResourceNotFoundException(string message, Exception? inner = null) : ConnectorException(message, inner)
{
    public override string Code => AuditCodes.NotFound;
}
