using System.Globalization;

namespace Connectors.Mcp.Core.Storage.Persistence;

/// <summary>
/// Every timestamp in the database: ISO-8601 UTC text with milliseconds (<c>2026-02-06T12:00:00.123Z</c>). Fixed width,
/// so text order is time order and SQL can compare them directly.
/// </summary>
public static class StorageTime
{
    private const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static string ToText(DateTimeOffset value) => value.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static string? ToText(DateTimeOffset? value) => value is { } v ? ToText(v) : null;

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? ParseNullable(string? text) => text is null ? null : Parse(text);

    /// <summary>The instant as it will read back from the database (UTC, whole milliseconds).</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    /// <summary>Now, as it will read back from the database.</summary>
    public static DateTimeOffset Now(TimeProvider time) => Truncate(time.GetUtcNow());
}
