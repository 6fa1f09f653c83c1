using System.Security.Cryptography;
using System.Text.Json;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Core.Security;

namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>
/// Decrypting what the stores keep encrypted, with the error each caller can act on — never the ciphertext or the
/// plaintext in a message: only which row and what to do.
/// </summary>
public static class StoredSecrets
{
    /// <summary>A connector's tokens; a ciphertext that does not decrypt (another master key, a copied or altered row) means reconnect.</summary>
    public static OAuthTokens DecryptTokens(SecretProtector protector, byte[] encrypted, string workspaceId, string connectorId)
    {
        try
        {
            return TokenJson.Deserialize(protector.Unprotect(encrypted, SecretProtector.ConnectorContext(workspaceId, connectorId)));
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException or KeyNotFoundException or FormatException)
        {
            throw new ReconnectRequiredException(
                $"The stored credentials of connector '{connectorId}' cannot be decrypted (the master key changed, or the row was copied or altered); it must be reconnected.",
                exception is CryptographicException ? exception : null);
        }
    }

    /// <summary>One of an approval's encrypted texts (arguments, summary, result) under its <see cref="SecretContexts"/> context.</summary>
    public static string DecryptApprovalText(SecretProtector protector, byte[] encrypted, string context, string approvalId)
    {
        try
        {
            return protector.Unprotect(encrypted, context);
        }
        catch (CryptographicException)
        {
            throw new InvalidStateException(
                $"Approval '{approvalId}' cannot be decrypted (the master key changed, or the row was copied or altered), so it cannot be shown or run; the agent can call the tool again to queue a new one.");
        }
    }
}
