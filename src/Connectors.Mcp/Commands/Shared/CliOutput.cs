using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Mcp.Commands.Shared;

/// <summary>
/// Writes listed records either as an aligned table for people or, with <c>--json</c>, as one JSON object per line
/// with snake_case keys for scripts.
/// </summary>
internal static class CliOutput
{
    private const int MaxCellWidth = 60;

    private static readonly JsonSerializerOptions JsonLineOptions = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void WriteRecords<T>(TextWriter writer, IEnumerable<T> items, IReadOnlyList<OutputColumn<T>> columns, bool json)
    {
        if (json)
        {
            foreach (var item in items)
            {
                var line = new JsonObject();
                foreach (var column in columns)
                {
                    line[column.Key] = column.Value(item);
                }

                WriteJsonLine(writer, line);
            }

            return;
        }

        columns = columns.Where(c => c.InTable).ToList();
        var rows = items.Select(item => columns.Select(c => Cell(c.Value(item))).ToArray()).ToList();
        var headers = columns.Select(c => c.Key.ToUpperInvariant()).ToArray();
        var widths = headers.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        WriteRow(writer, headers, widths);
        foreach (var row in rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    public static void WriteJsonLine(TextWriter writer, JsonObject value) => writer.WriteLine(value.ToJsonString(JsonLineOptions));

    /// <summary>RFC 3339 in UTC with milliseconds, the one time format of the CLI.</summary>
    public static JsonNode? Time(DateTimeOffset? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static JsonNode? Text(string? value) => value;

    public static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());

    private static void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(i == cells.Length - 1 ? cells[i] : cells[i].PadRight(widths[i]));
        }

        writer.WriteLine(line.ToString().TrimEnd());
    }

    /// <summary>
    /// A table cell: one line; arrays comma-joined and kept whole (they are names people type); long free text cut
    /// (the JSON form keeps it whole).
    /// </summary>
    private static string Cell(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            return string.Join(",", array.Select(e => e?.ToString()));
        }

        var text = node switch
        {
            null => "",
            JsonValue value when value.TryGetValue<string>(out var s) => s,
            _ => node.ToJsonString(),
        };
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= MaxCellWidth ? text : string.Concat(text.AsSpan(0, MaxCellWidth - 1), "…");
    }
}
