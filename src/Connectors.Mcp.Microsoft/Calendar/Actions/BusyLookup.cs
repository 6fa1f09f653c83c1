using Connectors.Mcp.Connectors.Scheduling;
using Connectors.Mcp.Microsoft.Calendar.Parsing;
using Connectors.Mcp.Microsoft.Graph;
using Microsoft.Graph.Me.Calendar.GetSchedule;
using Microsoft.Graph.Models;
using TimeRange = Connectors.Mcp.Connectors.Scheduling.TimeRange;

namespace Connectors.Mcp.Microsoft.Calendar.Actions;

/// <summary>
/// Busy time for find_meeting_times: the user's own from the calendar view of the window (recurring events expanded;
/// free and cancelled events do not block), the attendees' from <c>POST /me/calendar/getSchedule</c> (their busy,
/// tentative and out-of-office items, or the error Graph gives for an address it cannot read).
/// </summary>
internal static class BusyLookup
{
    /// <summary>Addresses per getSchedule request asked here.</summary>
    public const int MaxAttendees = 49;

    /// <summary>getSchedule answers for at most 62 days.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(62);

    private const int PageSize = 250;
    private const int MaxPages = 20;

    public static async Task<List<TimeRange>> OwnAsync(GraphClient graph, TimeRange window, CancellationToken cancellationToken)
    {
        var busy = new List<TimeRange>();
        var page = await graph.CallAsync(
            (sdk, ct) => sdk.Me.CalendarView.GetAsync(r =>
            {
                r.QueryParameters.StartDateTime = CalendarTime.FormatUtc(window.Start);
                r.QueryParameters.EndDateTime = CalendarTime.FormatUtc(window.End);
                r.QueryParameters.Top = PageSize;
                r.QueryParameters.Select = ["id", "start", "end", "showAs", "isCancelled"];
                CalendarPrefer.Apply(r.Headers, "UTC");
            }, ct),
            "The user's calendar view",
            cancellationToken).ConfigureAwait(false);
        for (var i = 0; ; i++)
        {
            busy.AddRange((page.Value ?? [])
                .Where(e => e.IsCancelled != true && e.ShowAs is not (FreeBusyStatus.Free or FreeBusyStatus.WorkingElsewhere))
                .Select(e => Range(e.Start, e.End))
                .OfType<TimeRange>());
            if (string.IsNullOrEmpty(page.OdataNextLink) || i >= MaxPages)
            {
                return busy;
            }

            var next = GraphPageToken.Unwrap(GraphPageToken.Wrap(page.OdataNextLink)!, graph.BaseUri, "page_token").AbsoluteUri;
            page = await graph.CallAsync(
                (sdk, ct) => sdk.Me.CalendarView.WithUrl(next).GetAsync(r => CalendarPrefer.Apply(r.Headers, "UTC"), ct),
                "The user's calendar view",
                cancellationToken).ConfigureAwait(false);
        }
    }

    public static async Task<IReadOnlyList<AttendeeBusy>> AttendeesAsync(GraphClient graph, TimeRange window, IReadOnlyList<string> attendees, CancellationToken cancellationToken)
    {
        if (attendees.Count == 0)
        {
            return [];
        }

        var body = new GetSchedulePostRequestBody
        {
            Schedules = attendees.ToList(),
            StartTime = CalendarTime.ToGraph(window.Start, null),
            EndTime = CalendarTime.ToGraph(window.End, null),
            AvailabilityViewInterval = 30,
        };
        var response = await graph.CallAsync(
            (sdk, ct) => sdk.Me.Calendar.GetSchedule.PostAsGetSchedulePostResponseAsync(body, r => CalendarPrefer.Apply(r.Headers, "UTC"), ct),
            "The free/busy schedule",
            cancellationToken).ConfigureAwait(false);
        var answers = response.Value ?? [];
        return attendees.Select(address =>
        {
            var info = answers.FirstOrDefault(s => string.Equals(s.ScheduleId, address, StringComparison.OrdinalIgnoreCase));
            if (info is null)
            {
                return new AttendeeBusy(address, [], "missing from Graph's answer");
            }

            if (info.Error is { } error)
            {
                return new AttendeeBusy(address, [], error.ResponseCode ?? error.Message ?? "error");
            }

            var busy = (info.ScheduleItems ?? [])
                .Where(item => item.Status is FreeBusyStatus.Busy or FreeBusyStatus.Tentative or FreeBusyStatus.Oof)
                .Select(item => Range(item.Start, item.End))
                .OfType<TimeRange>()
                .ToList();
            return new AttendeeBusy(address, busy, null);
        }).ToList();
    }

    private static TimeRange? Range(DateTimeTimeZone? start, DateTimeTimeZone? end) =>
        CalendarTime.FromGraph(start, TimeZoneInfo.Utc) is { } from && CalendarTime.FromGraph(end, TimeZoneInfo.Utc) is { } to && to > from
            ? new TimeRange(from, to)
            : null;

    /// <summary>One attendee's busy time, or why Graph could not read it.</summary>
    public sealed record AttendeeBusy(string Address, IReadOnlyList<TimeRange> Busy, string? Error)
    {
        public bool Failed => Error is not null;
    }
}
