using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Calendar.Models;
using Connectors.Mcp.Google.Calendar.Parsing;
using Connectors.Mcp.Connectors.Scheduling;

namespace Connectors.Mcp.Google.Calendar.Actions;

/// <summary>
/// One freeBusy query for the user's own calendar (<c>primary</c>, always first) and the attendees, read back per id:
/// busy intervals, or Google's per-calendar errors (e.g. <c>notFound</c> when the calendar is not shared with the user).
/// </summary>
internal static class FreeBusyLookup
{
    /// <summary>freeBusy answers for at most 50 calendars; one of them is the user's own.</summary>
    public const int MaxAttendees = 49;

    /// <summary>The longest window these actions query.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(62);

    public static async Task<IReadOnlyList<CalendarBusy>> QueryAsync(
        CalendarApi api, TimeRange window, IReadOnlyList<string> attendees, TimeZoneInfo? zone, CancellationToken cancellationToken)
    {
        var ids = new List<string> { CalendarIds.Primary };
        ids.AddRange(attendees);
        var response = await api.QueryFreeBusyAsync(
            new FreeBusyQuery
            {
                TimeMin = Rfc3339.FormatUtc(window.Start),
                TimeMax = Rfc3339.FormatUtc(window.End),
                TimeZone = zone?.Id,
                Items = ids.Select(id => new FreeBusyQueryItem { Id = id }).ToList(),
            },
            cancellationToken).ConfigureAwait(false);

        var calendars = response.Calendars ?? new Dictionary<string, FreeBusyCalendar>();
        return ids.Select(id => Read(id, Find(calendars, id))).ToList();
    }

    public static void ValidateWindow(TimeRange window)
    {
        if (window.IsEmpty)
        {
            throw new ConnectorValidationException("time_max", "must be after time_min.");
        }

        if (window.Length > MaxWindow)
        {
            throw new ConnectorValidationException("time_max", $"is more than {MaxWindow.TotalDays:0} days after time_min; ask for a shorter window.");
        }
    }

    private static FreeBusyCalendar? Find(IDictionary<string, FreeBusyCalendar> calendars, string id) =>
        calendars.TryGetValue(id, out var exact)
            ? exact
            : calendars.FirstOrDefault(c => string.Equals(c.Key, id, StringComparison.OrdinalIgnoreCase)).Value;

    private static CalendarBusy Read(string id, FreeBusyCalendar? calendar)
    {
        if (calendar is null)
        {
            return new CalendarBusy(id, [], [new FreeBusyError { Domain = "connector", Reason = "missingFromResponse" }]);
        }

        var busy = new List<TimeRange>();
        var errors = (calendar.Errors ?? []).ToList();
        foreach (var period in calendar.Busy ?? [])
        {
            if (Rfc3339.TryParseFromGoogle(period.Start) is { } start && Rfc3339.TryParseFromGoogle(period.End) is { } end && end > start)
            {
                busy.Add(new TimeRange(start, end));
            }
            else
            {
                errors.Add(new FreeBusyError { Domain = "connector", Reason = "unreadableBusyPeriod" });
            }
        }

        return new CalendarBusy(id, busy, errors);
    }

    /// <summary>One calendar's answer: busy intervals, or the errors that kept Google from reading it.</summary>
    public sealed record CalendarBusy(string Id, IReadOnlyList<TimeRange> Busy, IReadOnlyList<FreeBusyError> Errors)
    {
        public bool Failed => Errors.Count > 0;

        public string Reasons => string.Join(", ", Errors.Select(e => e.Reason ?? "unknown"));
    }
}
