namespace Connectors.Mcp.Sandbox.Microsoft.Calendar;

/// <summary>
/// Graph's <c>patternedRecurrence</c> as the fake supports it: a <c>daily</c> or <c>weekly</c> pattern with an
/// interval (and days of the week), and a range that ends on a date (<c>endDate</c>, inclusive), after a number of
/// occurrences (<c>numbered</c>) or never (<c>noEnd</c>).
/// </summary>
public sealed record FakeRecurrence(
    string PatternType,
    int Interval,
    IReadOnlyList<DayOfWeek> DaysOfWeek,
    DateOnly StartDate,
    string RangeType,
    DateOnly? EndDate,
    int? NumberOfOccurrences);
