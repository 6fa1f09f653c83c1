namespace Connectors.Mcp.Sandbox.Microsoft.Calendar;

/// <summary>Where a <see cref="FakeCalendarFault"/> strikes.</summary>
public enum FakeCalendarFaultKind
{
    /// <summary>Answer the status before acting.</summary>
    Answer,

    DropBeforeActing,

    DropAfterActing,

    AnswerAfterActing,
}
