namespace Connectors.Mcp.Sandbox.Google;

/// <summary>What a <see cref="FakeFault"/> does to the request it catches.</summary>
public enum FakeFaultKind
{
    /// <summary>Answer the fault's status code; the request has no effect.</summary>
    Answer,

    /// <summary>Abort the connection without applying the request.</summary>
    DropBeforeActing,

    /// <summary>Apply the request, then abort the connection without a response.</summary>
    DropAfterActing,

    /// <summary>Apply the request, then answer the fault's status code instead of the result (the provider acted, then its front end failed).</summary>
    AnswerAfterActing,

    /// <summary>Wait the fault's delay (abandoned if the client disconnects), then handle the request normally.</summary>
    Slow,
}
