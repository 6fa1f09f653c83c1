using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Connectors.Mcp.Core.Storage.Persistence;

namespace Connectors.Mcp.Core.Tests.Storage.Persistence;

public sealed class AuditChainHashTests
{
    private static readonly AuditRowContent Row = new(
        7, "ws_1", "con_1", "gmail_send_email", "send_email", "succeeded", null, null, """{"subject":{"length":5,"sha256":"ab"}}""", "h",
        "apr_1", "approved", "stdio", "2026-02-06T12:00:00.000Z", "2026-02-06T12:00:01.250Z", 1250, 3);

    private static readonly AuditRowContent[] UnusualRows = [
        Row,
        Row with { ConnectorId = null, Action = null, ArgumentsHash = null, ApprovalId = null, Decision = null, Caller = null, FinishedAt = null, DurationMs = null, Sequence = null },
        Row with { ErrorCode = "", ErrorMessage = "héllo — 日本語 🙂", Caller = "\ud800 lone surrogate: \ud800" },
        Row with { Id = long.MaxValue, DurationMs = -5, Sequence = 0 },
        Row with { ArgumentsJson = new string('é', 100_000), ErrorMessage = new string('x', 1001) },
    ];

    [Fact]
    public void Compute_KnownRow_MatchesTheDocumentedFormat()
    {
        // Written out by hand from the format in AuditChainHash's summary, so a change to the format (which would make
        // every existing chain fail verification) cannot go unnoticed.
        var previous = new string('a', 64);
        var canonical = previous + "connector_actions/v1"
            + "1:7," + "4:ws_1," + "5:con_1," + "16:gmail_send_email," + "10:send_email," + "9:succeeded," + "-," + "-,"
            + "38:{\"subject\":{\"length\":5,\"sha256\":\"ab\"}}," + "1:h," + "5:apr_1," + "8:approved," + "5:stdio,"
            + "24:2026-02-06T12:00:00.000Z," + "24:2026-02-06T12:00:01.250Z," + "4:1250," + "1:3,";
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

        Assert.Equal(expected, AuditChainHash.Compute(previous, Row));
    }

    [Fact]
    public void Compute_NullAndEmptyString_HashDifferently()
    {
        Assert.NotEqual(
            AuditChainHash.Compute(AuditChainHash.Genesis, Row with { ErrorCode = null }),
            AuditChainHash.Compute(AuditChainHash.Genesis, Row with { ErrorCode = "" }));
    }

    [Fact]
    public void Compute_TextMovedBetweenAdjacentFields_HashesDifferently()
    {
        Assert.NotEqual(
            AuditChainHash.Compute(AuditChainHash.Genesis, Row with { ErrorCode = "ab", ErrorMessage = "c" }),
            AuditChainHash.Compute(AuditChainHash.Genesis, Row with { ErrorCode = "a", ErrorMessage = "bc" }));
    }

    [Fact]
    public void Compute_MultiByteText_PrefixesUtf8ByteLength()
    {
        var row = Row with { ErrorMessage = "é" };
        var withBytes = AuditChainHash.Compute(AuditChainHash.Genesis, row);

        Assert.NotEqual(withBytes, AuditChainHash.Compute(AuditChainHash.Genesis, Row with { ErrorMessage = "e" }));
        Assert.Matches("^[0-9a-f]{64}$", withBytes);
    }

    [Fact]
    public void Compute_UnusualContent_MatchesTheFormatWrittenFieldByField()
    {
        Assert.All(UnusualRows, row => Assert.Equal(Reference(AuditChainHash.Genesis, row), AuditChainHash.Compute(AuditChainHash.Genesis, row)));
    }

    /// <summary>The format as the summary states it, one field at a time (what the hash was computed with before it was buffered).</summary>
    private static string Reference(string previousHash, AuditRowContent row)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(previousHash + "connector_actions/v1"));
        foreach (var value in new[]
        {
            row.Id.ToString(CultureInfo.InvariantCulture), row.WorkspaceId, row.ConnectorId, row.Tool, row.Action, row.Status, row.ErrorCode,
            row.ErrorMessage, row.ArgumentsJson, row.ArgumentsHash, row.ApprovalId, row.Decision, row.Caller, row.StartedAt, row.FinishedAt,
            row.DurationMs?.ToString(CultureInfo.InvariantCulture), row.Sequence?.ToString(CultureInfo.InvariantCulture),
        })
        {
            hash.AppendData(value is null ? "-,"u8 : Encoding.UTF8.GetBytes($"{Encoding.UTF8.GetByteCount(value)}:{value},"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
