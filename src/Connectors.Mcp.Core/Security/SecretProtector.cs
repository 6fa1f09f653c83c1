using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Connectors.Mcp.Core.Security;

/// <summary>
/// AES-256-GCM for secrets at rest. The associated data names the row a ciphertext belongs to (workspace and connector,
/// or OAuth provider), so a ciphertext copied to another row fails to decrypt instead of granting that row's access.
/// Layout: version (1 byte) | nonce (12) | tag (16) | ciphertext.
/// Key schedules are reused: an <see cref="AesGcm"/> (not safe for concurrent use) is taken from a small pool for one
/// operation and returned, instead of importing the key for every secret read (two per provider call).
/// </summary>
public sealed class SecretProtector
{
    private const byte Version = 1;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _key;
    private readonly ConcurrentBag<AesGcm> _ciphers = [];
    private readonly int _maxPooled = Math.Max(2, Environment.ProcessorCount * 2);

    public SecretProtector(byte[] masterKey)
    {
        if (masterKey.Length != 32)
        {
            throw new ArgumentException("The master key must be exactly 32 bytes (AES-256).", nameof(masterKey));
        }

        _key = (byte[])masterKey.Clone();
    }

    public byte[] Protect(string plaintext, string associatedData)
    {
        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[1 + NonceSize + TagSize + plain.Length];
        output[0] = Version;
        var nonce = output.AsSpan(1, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        var aes = Rent();
        try
        {
            aes.Encrypt(nonce, plain, output.AsSpan(1 + NonceSize + TagSize), output.AsSpan(1 + NonceSize, TagSize), Encoding.UTF8.GetBytes(associatedData));
        }
        finally
        {
            Return(aes);
        }

        CryptographicOperations.ZeroMemory(plain);
        return output;
    }

    /// <exception cref="CryptographicException">Wrong key, tampered ciphertext, or a ciphertext from another row.</exception>
    public string Unprotect(byte[] protectedData, string associatedData)
    {
        if (protectedData.Length < 1 + NonceSize + TagSize || protectedData[0] != Version)
        {
            throw new CryptographicException("Encrypted secret has an unknown format.");
        }

        var cipher = protectedData.AsSpan(1 + NonceSize + TagSize);
        var plain = new byte[cipher.Length];
        var aes = Rent();
        try
        {
            aes.Decrypt(protectedData.AsSpan(1, NonceSize), cipher, protectedData.AsSpan(1 + NonceSize, TagSize), plain, Encoding.UTF8.GetBytes(associatedData));
        }
        finally
        {
            Return(aes);
        }

        try
        {
            return Encoding.UTF8.GetString(plain);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    private AesGcm Rent() => _ciphers.TryTake(out var aes) ? aes : new AesGcm(_key, TagSize);

    private void Return(AesGcm aes)
    {
        if (_ciphers.Count < _maxPooled)
        {
            _ciphers.Add(aes);
        }
        else
        {
            aes.Dispose();
        }
    }

    /// <summary>Associated data for a connector's tokens.</summary>
    public static string ConnectorContext(string workspaceId, string connectorId) => $"connector-credentials|{workspaceId}|{connectorId}";

    /// <summary>Associated data for an OAuth client secret.</summary>
    public static string OAuthClientContext(string provider) => $"oauth-client|{provider}";

    /// <summary>Associated data for a connector's server-to-server app secret.</summary>
    public static string ServerAppContext(string workspaceId, string connectorId) => $"server-app|{workspaceId}|{connectorId}";

    /// <summary>Associated data for the arguments held by a pending approval.</summary>
    public static string ApprovalContext(string workspaceId, string approvalId) => $"approval-arguments|{workspaceId}|{approvalId}";
}
