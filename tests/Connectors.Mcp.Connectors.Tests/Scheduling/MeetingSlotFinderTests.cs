using System.Globalization;
using Connectors.Mcp.Connectors.Scheduling;

namespace Connectors.Mcp.Connectors.Tests.Scheduling;

/// <summary>The slot computation on its own: no HTTP, instants in, instants out.</summary>
public sealed class MeetingSlotFinderTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly HashSet<DayOfWeek> Weekdays = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];
    private static readonly HashSet<DayOfWeek> EveryDay = [.. Enum.GetValues<DayOfWeek>()];

    private static DateTimeOffset At(string rfc3339) => DateTimeOffset.Parse(rfc3339, CultureInfo.InvariantCulture);

    private static SlotSearch Search(
        string from, string to, TimeZoneInfo zone, int minutes, WorkingHours? hours = null, IReadOnlySet<DayOfWeek>? days = null, int max = 100, int alignment = 15) =>
        new(new TimeRange(At(from), At(to)), zone, hours ?? WorkingHours.Default, days ?? Weekdays, TimeSpan.FromMinutes(minutes), TimeSpan.FromMinutes(alignment), max);

    private static List<string> Starts(SlotSearchResult result, TimeZoneInfo zone) =>
        result.Slots.Select(s => TimeZoneInfo.ConvertTime(s.Start, zone).ToString("yyyy-MM-dd'T'HH:mmzzz", CultureInfo.InvariantCulture)).ToList();

    private static TimeRange Busy(string from, string to) => new(At(from), At(to));

    [Fact]
    public void FreeDay_GivesBackToBackSlotsInsideWorkingHours()
    {
        var result = MeetingSlotFinder.Find(Search("2026-03-04T00:00:00-05:00", "2026-03-05T00:00:00-05:00", NewYork, 120), []);

        Assert.Equal(["2026-03-04T09:00-05:00", "2026-03-04T11:00-05:00", "2026-03-04T13:00-05:00", "2026-03-04T15:00-05:00"], Starts(result, NewYork));
        Assert.All(result.Slots, s => Assert.Equal(TimeSpan.FromHours(2), s.Length));
        Assert.False(result.HasMore);
    }

    [Fact]
    public void BusyIntervals_AreMergedAndAvoided_AndStartsAlignToQuarterHours()
    {
        var busy = new[]
        {
            Busy("2026-03-04T09:00:00-05:00", "2026-03-04T09:50:00-05:00"),
            Busy("2026-03-04T09:40:00-05:00", "2026-03-04T10:05:00-05:00"),
            Busy("2026-03-04T12:00:00-05:00", "2026-03-04T16:40:00-05:00"),
        };

        var result = MeetingSlotFinder.Find(Search("2026-03-04T00:00:00-05:00", "2026-03-05T00:00:00-05:00", NewYork, 30), busy);

        Assert.Equal(
            ["2026-03-04T10:15-05:00", "2026-03-04T10:45-05:00", "2026-03-04T11:15-05:00"],
            Starts(result, NewYork));
    }

    [Fact]
    public void WindowStartingMidMorning_ClipsAndAligns()
    {
        var result = MeetingSlotFinder.Find(Search("2026-03-04T11:07:00-05:00", "2026-03-04T13:00:00-05:00", NewYork, 30), []);

        Assert.Equal(["2026-03-04T11:15-05:00", "2026-03-04T11:45-05:00", "2026-03-04T12:15-05:00"], Starts(result, NewYork));
    }

    [Fact]
    public void BerlinAutumnChange_WeekdaysKeepLocalNineToFive_WeekendSkipped()
    {
        var result = MeetingSlotFinder.Find(Search("2026-10-23T00:00:00+02:00", "2026-10-27T00:00:00+01:00", Berlin, 480), []);

        Assert.Equal(["2026-10-23T09:00+02:00", "2026-10-26T09:00+01:00"], Starts(result, Berlin));
        Assert.Equal(At("2026-10-23T07:00:00Z"), result.Slots[0].Start);
        Assert.Equal(At("2026-10-26T08:00:00Z"), result.Slots[1].Start);
    }

    [Fact]
    public void BerlinAutumnNight_TheRepeatedHourCountsTwice()
    {
        var hours = new WorkingHours(TimeSpan.FromHours(1), TimeSpan.FromHours(4));

        var result = MeetingSlotFinder.Find(Search("2026-10-25T00:00:00+02:00", "2026-10-26T00:00:00+01:00", Berlin, 60, hours, EveryDay), []);

        // 01:00 CEST to 04:00 CET is four hours: 02:00 happens twice.
        Assert.Equal(
            ["2026-10-25T01:00+02:00", "2026-10-25T02:00+02:00", "2026-10-25T02:00+01:00", "2026-10-25T03:00+01:00"],
            Starts(result, Berlin));
    }

    [Fact]
    public void NewYorkSpringNight_TheSkippedHourIsNotOffered()
    {
        var hours = new WorkingHours(TimeSpan.FromHours(1), TimeSpan.FromHours(4));

        var result = MeetingSlotFinder.Find(Search("2026-03-08T00:00:00-05:00", "2026-03-09T00:00:00-04:00", NewYork, 60, hours, EveryDay), []);

        // 01:00 EST to 04:00 EDT is two hours: 02:00–03:00 does not exist.
        Assert.Equal(["2026-03-08T01:00-05:00", "2026-03-08T03:00-04:00"], Starts(result, NewYork));
    }

    [Fact]
    public void NewYorkAutumnChange_WorkingHoursAreLocalOnBothSides()
    {
        var result = MeetingSlotFinder.Find(
            Search("2026-10-30T00:00:00-04:00", "2026-11-03T00:00:00-05:00", NewYork, 60, new WorkingHours(TimeSpan.FromHours(9), TimeSpan.FromHours(10))),
            []);

        Assert.Equal(["2026-10-30T09:00-04:00", "2026-11-02T09:00-05:00"], Starts(result, NewYork));
    }

    [Fact]
    public void WorkingDayEndingAtMidnight_IsAllowed()
    {
        var hours = new WorkingHours(TimeSpan.FromHours(22), TimeSpan.FromHours(24));

        var result = MeetingSlotFinder.Find(Search("2026-03-04T00:00:00-05:00", "2026-03-05T12:00:00-05:00", NewYork, 60, hours), []);

        Assert.Equal(["2026-03-04T22:00-05:00", "2026-03-04T23:00-05:00"], Starts(result, NewYork));
    }

    [Fact]
    public void MaxResults_StopsAndSaysThereIsMore()
    {
        var result = MeetingSlotFinder.Find(Search("2026-03-04T00:00:00-05:00", "2026-03-05T00:00:00-05:00", NewYork, 60, max: 3), []);

        Assert.Equal(3, result.Slots.Count);
        Assert.True(result.HasMore);
    }

    [Fact]
    public void NoRoom_GivesNoSlot()
    {
        var busy = new[] { Busy("2026-03-04T08:00:00-05:00", "2026-03-04T16:31:00-05:00") };

        var result = MeetingSlotFinder.Find(Search("2026-03-04T00:00:00-05:00", "2026-03-05T00:00:00-05:00", NewYork, 30), busy);

        Assert.Empty(result.Slots);
        Assert.False(result.HasMore);
    }

    [Fact]
    public void QuarterHourOffsetZone_AlignsToLocalQuarterHours()
    {
        var kathmandu = TimeZoneInfo.FindSystemTimeZoneById("Asia/Kathmandu");

        var result = MeetingSlotFinder.Find(Search("2026-03-04T10:10:00+05:45", "2026-03-04T11:30:00+05:45", kathmandu, 30), []);

        Assert.Equal(["2026-03-04T10:15+05:45", "2026-03-04T10:45+05:45"], Starts(result, kathmandu));
    }

    [Theory]
    [InlineData("2026-03-08T02:30:00", true, "2026-03-08T07:00:00Z")]
    [InlineData("2026-11-01T01:30:00", true, "2026-11-01T05:30:00Z")]
    [InlineData("2026-11-01T01:30:00", false, "2026-11-01T06:30:00Z")]
    [InlineData("2026-07-01T09:00:00", true, "2026-07-01T13:00:00Z")]
    public void ToInstant_HandlesGapsAndRepeats(string local, bool first, string expected)
    {
        var instant = MeetingSlotFinder.ToInstant(DateTime.Parse(local, CultureInfo.InvariantCulture), NewYork, first);

        Assert.Equal(At(expected), instant);
    }
}
