using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Google;

/// <summary>Plays a taken <see cref="FakeFault"/> at the two points where it can strike: before the fake acts, and instead of the answer.</summary>
internal static class FakeFaultPlayer
{
    /// <summary>
    /// Before the request is applied: answers an error, drops the connection, or waits. Returns whether the endpoint
    /// should go on and apply the request.
    /// </summary>
    public static async Task<bool> BeforeActingAsync(HttpContext context, FakeFault? fault, RequestLedger ledger)
    {
        switch (fault?.Kind)
        {
            case null:
            case FakeFaultKind.DropAfterActing:
            case FakeFaultKind.AnswerAfterActing:
                return true;
            case FakeFaultKind.DropBeforeActing:
                context.Abort();
                return false;
            case FakeFaultKind.Slow:
                try
                {
                    await Task.Delay(fault.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    ledger.RecordAbandoned();
                    return false; // the client gave up: nothing is applied
                }

                return true;
            default:
                await AnswerAsync(context, fault);
                return false;
        }
    }

    /// <summary>
    /// After the request was applied: aborts the connection, or answers the fault's error, instead of the result when
    /// the fault says so. Returns whether it did (then the endpoint must not answer).
    /// </summary>
    public static async Task<bool> AfterActingAsync(HttpContext context, FakeFault? fault)
    {
        switch (fault?.Kind)
        {
            case FakeFaultKind.DropAfterActing:
                context.Abort();
                return true;
            case FakeFaultKind.AnswerAfterActing:
                await AnswerAsync(context, fault);
                return true;
            default:
                return false;
        }
    }

    private static Task AnswerAsync(HttpContext context, FakeFault fault)
    {
        if (fault.RetryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = ((long)Math.Ceiling(delay.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        else if (fault.RetryAfterDate is { } date)
        {
            context.Response.Headers.RetryAfter = date.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
        }

        return GoogleJsonResponses.WriteErrorAsync(context, fault.StatusCode, reason: fault.Reason);
    }
}
