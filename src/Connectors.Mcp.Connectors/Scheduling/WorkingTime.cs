using System.Globalization;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Errors;

namespace Connectors.Mcp.Connectors.Scheduling;

/// <summary>
/// The <c>working_hours</c> (<c>{"start": "09:00", "end": "17:00"}</c>) and <c>working_days</c> (lowercase English day
/// names) arguments of a slot search, as every calendar family takes them; refusals name the field.
/// </summary>
public static class WorkingTime
{
    public const string TimeOfDayPattern = """^(([01]\\d|2[0-3]):[0-5]\\d|24:00)(?![\\s\\S])""";

    public static readonly string[] DayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
    public static readonly string[] DefaultDays = ["monday", "tuesday", "wednesday", "thursday", "friday"];

    public static WorkingHours ParseHours(JsonObject? hours)
    {
        if (hours is null)
        {
            return WorkingHours.Default;
        }

        if (hours.Select(p => p.Key).FirstOrDefault(k => k is not ("start" or "end")) is { } unknown)
        {
            throw new ConnectorValidationException($"working_hours.{unknown}", "is not a field of working_hours (start, end).");
        }

        var start = TimeOfDay("working_hours.start", Text(hours, "start") ?? "09:00");
        var end = TimeOfDay("working_hours.end", Text(hours, "end") ?? "17:00");
        return end > start ? new WorkingHours(start, end) : throw new ConnectorValidationException("working_hours.end", "must be after working_hours.start.");
    }

    public static HashSet<DayOfWeek> ParseDays(IReadOnlyList<string> names)
    {
        var days = new HashSet<DayOfWeek>();
        for (var i = 0; i < names.Count; i++)
        {
            var index = Array.IndexOf(DayNames, names[i]);
            days.Add(index >= 0 ? (DayOfWeek)index : throw new ConnectorValidationException($"working_days[{i}]", "must be a lowercase English day name such as monday."));
        }

        return days.Count > 0 ? days : throw new ConnectorValidationException("working_days", "needs at least one day.");
    }

    /// <summary>The days Monday first, as names.</summary>
    public static IEnumerable<string> Names(IReadOnlySet<DayOfWeek> days) =>
        days.OrderBy(d => ((int)d + 6) % 7).Select(d => DayNames[(int)d]);

    private static string? Text(JsonObject hours, string name) => hours[name] switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => throw new ConnectorValidationException($"working_hours.{name}", "must be a string such as 09:00."),
    };

    private static TimeSpan TimeOfDay(string field, string value)
    {
        if (value == "24:00")
        {
            return TimeSpan.FromHours(24);
        }

        return value.Length == 5 && TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToTimeSpan()
            : throw new ConnectorValidationException(field, "must be HH:MM (24-hour), e.g. 09:00.");
    }
}
