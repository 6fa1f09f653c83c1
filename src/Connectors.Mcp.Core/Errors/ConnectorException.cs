namespace Connectors.Mcp.Core.Errors;

/// <summary>
/// An error the agent can act on. The pipeline turns it into a tool result with <c>isError: true</c> whose text is
/// <see cref="Exception.Message"/>, and audits <see cref="Code"/>. Messages never contain tokens or secrets.
/// </summary>
public abstract class ConnectorException : Exception
{
    protected ConnectorException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Stable machine-readable code, stored in the audit row.</summary>
    public abstract string Code { get; }
}
