using System.Globalization;
using System.Text.Json.Nodes;

namespace Connectors.Mcp.Sandbox.Google.Calendar;

/// <summary>A stored event as views: itself, or with <c>singleEvents=true</c> each occurrence of its RRULE (changed ones as changed).</summary>
internal static class EventExpansion
{
    private const int MaxOccurrences = 2000;

    public static IEnumerable<EventView> Views(StoredEvent stored, TimeZoneInfo calendarZone, bool singleEvents, DateTimeOffset horizon)
    {
        if (!singleEvents || !stored.IsRecurring)
        {
            if (View(stored.Resource, calendarZone) is { } view)
            {
                yield return view;
            }

            yield break;
        }

        foreach (var occurrence in Occurrences(stored, calendarZone, horizon))
        {
            if (View(occurrence, calendarZone) is { } view)
            {
                yield return view;
            }
        }
    }

    /// <summary>The occurrence with this instance id (<c>{id}_20260302T150000Z</c> or <c>{id}_20260302</c>), if the series has it.</summary>
    public static JsonObject? FindOccurrence(StoredEvent stored, string instanceId, TimeZoneInfo calendarZone)
    {
        if (stored.Overrides.TryGetValue(instanceId, out var changed))
        {
            return changed;
        }

        var suffix = instanceId[(stored.Id.Length + 1)..];
        DateTimeOffset horizon;
        if (DateTime.TryParseExact(suffix, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
        {
            horizon = new DateTimeOffset(utc, TimeSpan.Zero).AddDays(1);
        }
        else if (DateOnly.TryParseExact(suffix, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            horizon = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(2);
        }
        else
        {
            return null;
        }

        return Occurrences(stored, calendarZone, horizon).FirstOrDefault(o => CalendarTime.Text(o, "id") == instanceId);
    }

    /// <summary>Every occurrence up to <paramref name="horizon"/>, as Google's instance resources.</summary>
    public static IEnumerable<JsonObject> Occurrences(StoredEvent stored, TimeZoneInfo calendarZone, DateTimeOffset horizon)
    {
        var master = stored.Resource;
        var (rule, _) = RecurrenceRule.Parse((master["recurrence"] as JsonArray ?? []).Select(n => n?.GetValue<string>() ?? string.Empty));
        if (rule is null || master["start"] is not JsonObject start || master["end"] is not JsonObject end)
        {
            yield break;
        }

        var zoneId = CalendarTime.Text(start, "timeZone");
        var zone = CalendarTime.Zone(zoneId) ?? calendarZone;
        var allDay = CalendarTime.Text(start, "date") is not null;
        DateTime firstLocal;
        TimeSpan wallLength;
        if (allDay)
        {
            var firstDate = CalendarTime.ParseDate(CalendarTime.Text(start, "date"))!.Value;
            var endDate = CalendarTime.ParseDate(CalendarTime.Text(end, "date"))!.Value;
            firstLocal = firstDate.ToDateTime(TimeOnly.MinValue);
            wallLength = TimeSpan.FromDays(endDate.DayNumber - firstDate.DayNumber);
        }
        else
        {
            var startInstant = CalendarTime.ParseInstant(CalendarTime.Text(start, "dateTime"))!.Value;
            var endInstant = CalendarTime.ParseInstant(CalendarTime.Text(end, "dateTime"))!.Value;
            firstLocal = TimeZoneInfo.ConvertTime(startInstant, zone).DateTime;
            wallLength = TimeZoneInfo.ConvertTime(endInstant, zone).DateTime - firstLocal;
        }

        foreach (var local in rule.Occurrences(firstLocal, zone, horizon, MaxOccurrences))
        {
            var instance = (JsonObject)master.DeepClone();
            instance.Remove("recurrence");
            string instanceId;
            if (allDay)
            {
                var day = DateOnly.FromDateTime(local);
                instanceId = $"{stored.Id}_{day:yyyyMMdd}";
                instance["start"] = new JsonObject { ["date"] = CalendarTime.FormatDate(day) };
                instance["end"] = new JsonObject { ["date"] = CalendarTime.FormatDate(DateOnly.FromDateTime(local + wallLength)) };
                instance["originalStartTime"] = new JsonObject { ["date"] = CalendarTime.FormatDate(day) };
            }
            else
            {
                var startInstant = CalendarTime.ToInstant(local, zone);
                var endInstant = CalendarTime.ToInstant(local + wallLength, zone);
                instanceId = string.Create(CultureInfo.InvariantCulture, $"{stored.Id}_{startInstant.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}");
                instance["start"] = Timed(startInstant, zone, zoneId);
                instance["end"] = Timed(endInstant, zone, zoneId);
                instance["originalStartTime"] = Timed(startInstant, zone, zoneId);
            }

            instance["id"] = instanceId;
            instance["recurringEventId"] = stored.Id;
            yield return stored.Overrides.TryGetValue(instanceId, out var changed) ? changed : instance;
        }
    }

    /// <summary>The view of a resource, or null when its times cannot be read.</summary>
    public static EventView? View(JsonObject resource, TimeZoneInfo calendarZone)
    {
        var (start, _) = CalendarTime.Read(resource["start"] as JsonObject, calendarZone, "start");
        var (end, _) = CalendarTime.Read(resource["end"] as JsonObject, calendarZone, "end");
        return start is { } s && end is { } e ? new EventView(resource, s, e) : null;
    }

    private static JsonObject Timed(DateTimeOffset instant, TimeZoneInfo zone, string? zoneId)
    {
        var json = new JsonObject { ["dateTime"] = CalendarTime.Format(instant, zone) };
        if (zoneId is not null)
        {
            json["timeZone"] = zoneId;
        }

        return json;
    }
}
