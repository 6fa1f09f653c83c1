using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Json;
using Connectors.Mcp.Core.Storage;

namespace Connectors.Mcp.Core.Pipeline.Audit;

/// <summary>
/// The refused calls of one workspace's window that were counted instead of written one row each: how many, of which
/// error codes, between which times. Becomes one <see cref="AuditCodes.RefusalsSuppressed"/> audit row.
/// </summary>
public sealed class RefusalCounts(DateTimeOffset windowStart, DateTimeOffset windowEnd, int budget)
{
    private readonly SortedDictionary<string, long> _byCode = new(StringComparer.Ordinal);

    public DateTimeOffset WindowStart { get; } = windowStart;

    public DateTimeOffset WindowEnd { get; private set; } = windowEnd;

    /// <summary>Rows the window wrote one by one before counting began.</summary>
    public int Budget { get; } = budget;

    public long Total { get; private set; }

    public IReadOnlyDictionary<string, long> ByCode => _byCode;

    public void Add(string code, long count = 1)
    {
        _byCode[code] = _byCode.GetValueOrDefault(code) + count;
        Total += count;
    }

    /// <summary>Folds <paramref name="other"/> in (a summary whose write failed goes back into the next one).</summary>
    public void Merge(RefusalCounts other)
    {
        foreach (var (code, count) in other._byCode)
        {
            Add(code, count);
        }
    }

    /// <summary>Ends the window early (the process is stopping).</summary>
    public void EndAt(DateTimeOffset end)
    {
        if (end < WindowEnd)
        {
            WindowEnd = end < WindowStart ? WindowStart : end;
        }
    }

    /// <summary>The summary row: tool <see cref="RefusalAudit.SummaryTool"/>, status rejected, the counts as its arguments.</summary>
    public (AuditIntent Intent, AuditCompletion Completion) ToAuditRow(string workspaceId)
    {
        var codes = new JsonObject();
        foreach (var (code, count) in _byCode)
        {
            codes[code] = count;
        }

        var arguments = new JsonObject
        {
            ["suppressed"] = Total,
            ["codes"] = codes,
            ["window_start"] = JsonText.Timestamp(WindowStart),
            ["window_end"] = JsonText.Timestamp(WindowEnd),
            ["rows_written_before"] = Budget,
        };
        var breakdown = string.Join(", ", _byCode.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value}")));
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{Total} refused call(s) counted, not written one row each ({breakdown}), from {JsonText.Timestamp(WindowStart)} to {JsonText.Timestamp(WindowEnd)}, after the window's first {Budget} refusal row(s).");
        return (
            new AuditIntent(workspaceId, null, RefusalAudit.SummaryTool, null, CanonicalJson.Serialize(arguments), null, null, null, WindowStart),
            new AuditCompletion(AuditStatus.Rejected, WindowEnd, AuditCodes.RefusalsSuppressed, message));
    }
}
