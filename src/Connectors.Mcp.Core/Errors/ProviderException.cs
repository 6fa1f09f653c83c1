using Connectors.Mcp.Core.Pipeline.Audit;

namespace Connectors.Mcp.Core.Errors;

/// <summary>The provider answered with an error that is none of the above. <see cref="StatusCode"/> when it was HTTP.</summary>
public sealed class ProviderException(string message, int? statusCode = null, Exception? inner = null) : ConnectorException(message, inner)
{
    public int? StatusCode { get; } = statusCode;

    public override string Code => AuditCodes.ProviderError;
}
