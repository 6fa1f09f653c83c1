using System.Globalization;

namespace Connectors.Mcp.Connectors.Scheduling;

/// <summary>A working day's hours as wall-clock times, <c>09:00</c> to <c>17:00</c>; the end may be <c>24:00</c> (midnight after).</summary>
public sealed record WorkingHours(TimeSpan Start, TimeSpan End)
{
    public static WorkingHours Default { get; } = new(TimeSpan.FromHours(9), TimeSpan.FromHours(17));

    public override string ToString() => $"{Format(Start)}–{Format(End)}";

    public static string Format(TimeSpan time) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)time.TotalHours:00}:{time.Minutes:00}");
}
