using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Sandbox.Google;

/// <summary>Carries out a request whose answer a <see cref="FakeFault"/> replaces: the effect happens, the body is discarded.</summary>
internal static class AfterActingFault
{
    /// <summary>Runs <paramref name="answer"/> (the endpoint's normal handling) into a discarded body, then clears the response.</summary>
    public static async Task ActSilentlyAsync(HttpContext context, Func<Task> answer)
    {
        var body = context.Response.Body;
        context.Response.Body = Stream.Null;
        try
        {
            await answer();
        }
        finally
        {
            context.Response.Body = body;
            context.Response.Clear();
        }
    }

    /// <summary>For <see cref="FakeFault.DropConnection"/>: aborts the connection; returns whether it did.</summary>
    public static bool TryDrop(HttpContext context, FakeFault fault)
    {
        if (!fault.DropConnection)
        {
            return false;
        }

        context.Abort();
        return true;
    }
}
