using Connectors.Mcp.Core.Pipeline.Audit;

namespace Connectors.Mcp.Core.Errors;

/// <summary>An argument is invalid in a way the schema cannot express (e.g. two addresses in one recipient item).</summary>
public sealed class ConnectorValidationException(string field, string message) : ConnectorException($"Invalid argument '{field}': {message}")
{
    public string Field { get; } = field;

    public override string Code => AuditCodes.InvalidArguments;
}
