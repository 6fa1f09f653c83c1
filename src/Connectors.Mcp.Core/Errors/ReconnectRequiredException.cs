using Connectors.Mcp.Core.Pipeline.Audit;

namespace Connectors.Mcp.Core.Errors;

/// <summary>The connector's grant is missing, expired beyond refresh or revoked: a person must reconnect it.</summary>
public sealed class ReconnectRequiredException(string message, Exception? inner = null) : ConnectorException(message, inner)
{
    public override string Code => AuditCodes.ReconnectRequired;
}
