using System.Globalization;
using Connectors.Mcp.Core.Storage.Persistence;

namespace Connectors.Mcp.Storage.Tests.Contracts;

/// <summary>What raw SQL reads back, made comparable across backends (SQLite: text and 64-bit integers; PostgreSQL: typed values).</summary>
internal static class RawValues
{
    /// <summary>
    /// A stored timestamp as the storage text (<c>2026-02-06T12:00:00.000Z</c>): SQLite's text unchanged (so its format
    /// is checked too), PostgreSQL's <c>timestamptz</c> formatted; <c>null</c> for SQL NULL.
    /// </summary>
    public static string? TimeText(object? value) => value switch
    {
        null or DBNull => null,
        string text => text,
        DateTime utc => StorageTime.ToText(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))),
        DateTimeOffset instant => StorageTime.ToText(instant),
        _ => throw new InvalidCastException($"Not a stored timestamp: {value.GetType().Name}"),
    };

    /// <summary>An integer or boolean column as a long (SQLite stores flags as 0/1).</summary>
    public static long? Integer(object? value) => value switch
    {
        null or DBNull => null,
        bool flag => flag ? 1 : 0,
        _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
    };
}
