namespace Connectors.Mcp.Sandbox.Zoom;

/// <summary>How the fake writes <c>Retry-After</c> on the daily create/update limit's 429 (Zoom may send none at all).</summary>
public enum FakeZoomRetryAfterFormat
{
    /// <summary>No <c>Retry-After</c> header (the default: what the connector must cope with).</summary>
    None,

    /// <summary>The next 00:00 UTC as an RFC 9110 HTTP date (<c>Wed, 02 Dec 2026 00:00:00 GMT</c>).</summary>
    HttpDate,

    /// <summary>The next 00:00 UTC as an ISO 8601 time (<c>2026-12-02T00:00:00Z</c>).</summary>
    IsoTime,
}
