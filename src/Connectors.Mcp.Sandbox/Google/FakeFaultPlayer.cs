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

    /// <summary>After the request was applied: aborts the connection instead of answering when the fault says so.</summary>
    public static bool DropsAfterActing(HttpContext context, FakeFault? fault)
    {
        if (fault?.Kind != FakeFaultKind.DropAfterActing)
        {
            return false;
        }

        context.Abort();
        return true;
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
