namespace Connectors.Mcp.Storage.Sqlite.Internal;

/// <summary>SQLite's spelling of an approval's reported status (needs the parameter <c>$now</c>).</summary>
internal static class ApprovalStatusSql
{
    /// <summary>
    /// The status as reported, in SQL (needs <c>$now</c>): a pending or approved-but-never-run approval past its expiry
    /// is expired even before anyone has stored that. One spelling for every listing, count and watermark.
    /// </summary>
    public const string Reported = "CASE WHEN status IN ('pending', 'approved') AND expires_at <= $now THEN 'expired' ELSE status END";
}
