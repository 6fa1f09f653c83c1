using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>
/// The hash that chains audit rows: <c>hash = SHA-256(prev_hash ‖ canonical(row))</c>, lowercase hex, where prev_hash is
/// the previous final row's hash in the workspace (64 zeros for the first) and canonical(row) is
/// <c>connector_actions/v1</c> followed by each field of <see cref="AuditRowContent"/> in declaration order, written as a
/// netstring (<c>byte-length:utf8-bytes,</c>) or <c>-,</c> for NULL. Length prefixes make it unambiguous for any
/// content, and it does not depend on any JSON encoder's escaping rules, so it can be recomputed by other tools.
/// </summary>
internal static class AuditChainHash
{
    /// <summary>prev_hash of a workspace's first chained row.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly byte[] FormatTag = Encoding.UTF8.GetBytes("connector_actions/v1");

    public static string Compute(string previousHash, AuditRowContent row)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(previousHash));
        hash.AppendData(FormatTag);
        Append(hash, row.Id);
        Append(hash, row.WorkspaceId);
        Append(hash, row.ConnectorId);
        Append(hash, row.Tool);
        Append(hash, row.Action);
        Append(hash, row.Status);
        Append(hash, row.ErrorCode);
        Append(hash, row.ErrorMessage);
        Append(hash, row.ArgumentsJson);
        Append(hash, row.ArgumentsHash);
        Append(hash, row.ApprovalId);
        Append(hash, row.Decision);
        Append(hash, row.Caller);
        Append(hash, row.StartedAt);
        Append(hash, row.FinishedAt);
        Append(hash, row.DurationMs);
        Append(hash, row.Sequence);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, long? value) =>
        Append(hash, value?.ToString(CultureInfo.InvariantCulture));

    private static void Append(IncrementalHash hash, string? value)
    {
        if (value is null)
        {
            hash.AppendData("-,"u8);
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(value);
        hash.AppendData(Encoding.UTF8.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture)));
        hash.AppendData(":"u8);
        hash.AppendData(bytes);
        hash.AppendData(","u8);
    }
}
