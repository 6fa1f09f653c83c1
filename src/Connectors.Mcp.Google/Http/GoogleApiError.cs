using System.Text.Json;

namespace Connectors.Mcp.Google.Http;

/// <summary>
/// Google's JSON error body: <c>{"error":{"code":404,"message":"…","errors":[{"reason":"notFound","domain":"global"}],"status":"NOT_FOUND"}}</c>.
/// </summary>
internal sealed record GoogleApiError(int Code, string Message, string? Status, IReadOnlyList<string> Reasons, IReadOnlyList<string> Domains)
{
    private const int MaxMessageLength = 500;

    public bool HasReason(params string[] reasons) => Reasons.Any(r => reasons.Contains(r, StringComparer.Ordinal));

    /// <summary>Parses the body; anything unexpected (HTML from a proxy, empty body) becomes a generic error for the status.</summary>
    public static GoogleApiError Parse(int statusCode, string? body)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(body))
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind == JsonValueKind.Object
                    && doc.RootElement.TryGetProperty("error", out var error)
                    && error.ValueKind == JsonValueKind.Object)
                {
                    var code = error.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : statusCode;
                    var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                    var status = error.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                    var reasons = new List<string>();
                    var domains = new List<string>();
                    if (error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                    {
                        foreach (var item in errors.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object))
                        {
                            if (item.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String)
                            {
                                reasons.Add(r.GetString()!);
                            }

                            if (item.TryGetProperty("domain", out var d) && d.ValueKind == JsonValueKind.String)
                            {
                                domains.Add(d.GetString()!);
                            }
                        }
                    }

                    return new GoogleApiError(code, Shorten(message) ?? $"HTTP {statusCode}", status, reasons, domains);
                }
            }
        }
        catch (JsonException)
        {
            // Not Google's JSON: fall through.
        }

        return new GoogleApiError(statusCode, $"HTTP {statusCode}", null, [], []);
    }

    private static string? Shorten(string? message)
    {
        if (message is null)
        {
            return null;
        }

        var singleLine = message.ReplaceLineEndings(" ").Trim();
        return singleLine.Length <= MaxMessageLength ? singleLine : singleLine[..MaxMessageLength] + "…";
    }
}
