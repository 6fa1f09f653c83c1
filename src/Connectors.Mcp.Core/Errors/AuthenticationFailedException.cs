namespace Connectors.Mcp.Core.Errors;

/// <summary>The provider refused the credentials for a reason a retry may fix (e.g. token endpoint unavailable).</summary>
public sealed class AuthenticationFailedException(string message, Exception? inner = null) : ConnectorException(message, inner)
{
    public override string Code => "authentication_failed";
}
