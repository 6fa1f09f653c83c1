using Connectors.Mcp.Core.Pipeline.Audit;

namespace Connectors.Mcp.Core.Errors;

/// <summary>
/// A write whose request was sent but whose outcome is unknown: the provider answered 5xx, did not answer in time, or
/// the connection dropped after the request went out. The provider may or may not have acted, so the write must not be
/// re-sent blindly; the pipeline asks the connector (<see cref="Connectors.IWriteOutcomeResolver"/>) what happened.
/// </summary>
public sealed class AmbiguousOutcomeException(string message, int? statusCode = null, Exception? inner = null) : ConnectorException(message, inner)
{
    public int? StatusCode { get; } = statusCode;

    public override string Code => AuditCodes.AmbiguousOutcome;
}
