using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>
/// The hash that chains audit rows: <c>hash = SHA-256(prev_hash ‖ canonical(row))</c>, lowercase hex, where prev_hash is
/// the previous final row's hash in the workspace (64 zeros for the first) and canonical(row) is
/// <c>connector_actions/v1</c> followed by each field of <see cref="AuditRowContent"/> in declaration order, written as a
/// netstring (<c>byte-length:utf8-bytes,</c>) or <c>-,</c> for NULL. Length prefixes make it unambiguous for any
/// content, and it does not depend on any JSON encoder's escaping rules, so it can be recomputed by other tools.
/// </summary>
public static class AuditChainHash
{
    /// <summary>prev_hash of a workspace's first chained row.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static ReadOnlySpan<byte> FormatTag => "connector_actions/v1"u8;

    // The longest decimal text of a length or a long (a minus sign and 19 digits); a field adds ':' and ',' to it.
    private const int MaxNumberBytes = 20;
    private const int MaxFieldOverhead = MaxNumberBytes + 2;
    private const int FieldCount = 17;

    /// <summary>
    /// Writes the canonical bytes into one buffer and hashes them at once (one call into the SHA-256 implementation per
    /// row rather than four per field); the bytes are those of the format above.
    /// </summary>
    public static string Compute(string previousHash, AuditRowContent row)
    {
        var capacity = Encoding.UTF8.GetMaxByteCount(previousHash.Length) + FormatTag.Length + (FieldCount * MaxFieldOverhead) + (3 * MaxNumberBytes)
            + MaxBytes(row.WorkspaceId) + MaxBytes(row.ConnectorId) + MaxBytes(row.Tool) + MaxBytes(row.Action) + MaxBytes(row.Status)
            + MaxBytes(row.ErrorCode) + MaxBytes(row.ErrorMessage) + MaxBytes(row.ArgumentsJson) + MaxBytes(row.ArgumentsHash) + MaxBytes(row.ApprovalId)
            + MaxBytes(row.Decision) + MaxBytes(row.Caller) + MaxBytes(row.StartedAt) + MaxBytes(row.FinishedAt);
        var rented = ArrayPool<byte>.Shared.Rent(capacity);
        try
        {
            var buffer = rented.AsSpan();
            var length = Encoding.UTF8.GetBytes(previousHash, buffer);
            FormatTag.CopyTo(buffer[length..]);
            length += FormatTag.Length;
            Append(buffer, ref length, row.Id);
            Append(buffer, ref length, row.WorkspaceId);
            Append(buffer, ref length, row.ConnectorId);
            Append(buffer, ref length, row.Tool);
            Append(buffer, ref length, row.Action);
            Append(buffer, ref length, row.Status);
            Append(buffer, ref length, row.ErrorCode);
            Append(buffer, ref length, row.ErrorMessage);
            Append(buffer, ref length, row.ArgumentsJson);
            Append(buffer, ref length, row.ArgumentsHash);
            Append(buffer, ref length, row.ApprovalId);
            Append(buffer, ref length, row.Decision);
            Append(buffer, ref length, row.Caller);
            Append(buffer, ref length, row.StartedAt);
            Append(buffer, ref length, row.FinishedAt);
            Append(buffer, ref length, row.DurationMs);
            Append(buffer, ref length, row.Sequence);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer[..length], digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int MaxBytes(string? value) => value is null ? 0 : Encoding.UTF8.GetMaxByteCount(value.Length);

    /// <summary>A long as its invariant decimal text, as a netstring (or <c>-,</c> for NULL).</summary>
    private static void Append(Span<byte> buffer, ref int length, long? value)
    {
        if (value is not { } number)
        {
            Null(buffer, ref length);
            return;
        }

        Span<byte> digits = stackalloc byte[MaxNumberBytes];
        number.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        Field(buffer, ref length, digits[..written]);
    }

    private static void Append(Span<byte> buffer, ref int length, string? value)
    {
        if (value is null)
        {
            Null(buffer, ref length);
            return;
        }

        // The UTF-8 bytes go after the longest prefix their length could need, then move back behind the real one.
        var start = length + MaxNumberBytes + 1;
        var count = Encoding.UTF8.GetBytes(value, buffer[start..]);
        Field(buffer, ref length, buffer.Slice(start, count));
    }

    /// <summary>Writes <c>length:bytes,</c>; <paramref name="bytes"/> may lie in <paramref name="buffer"/> after the write position.</summary>
    private static void Field(Span<byte> buffer, ref int length, ReadOnlySpan<byte> bytes)
    {
        bytes.Length.TryFormat(buffer[length..], out var written, default, CultureInfo.InvariantCulture);
        length += written;
        buffer[length++] = (byte)':';
        bytes.CopyTo(buffer[length..]); // an overlapping copy moves correctly
        length += bytes.Length;
        buffer[length++] = (byte)',';
    }

    private static void Null(Span<byte> buffer, ref int length)
    {
        buffer[length++] = (byte)'-';
        buffer[length++] = (byte)',';
    }
}
