using Connectors.Mcp.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>What every admin endpoint shares: the authenticated caller, and typed errors turned into the contract's shape.</summary>
public static class AdminApi
{
    /// <summary>Wraps a handler: <see cref="AdminApiException"/> → its status; unknown id → 404; wrong state → 409.</summary>
    public static RequestDelegate Handle(Func<HttpContext, Task> handler) => async context =>
    {
        try
        {
            await handler(context);
        }
        catch (AdminApiException ex) when (!context.Response.HasStarted)
        {
            await AdminJson.WriteErrorAsync(context, ex.Status, ex.Code, ex.Message);
        }
        catch (EntityNotFoundException ex) when (!context.Response.HasStarted)
        {
            await AdminJson.WriteErrorAsync(context, StatusCodes.Status404NotFound, "not_found", ex.Message);
        }
        catch (InvalidStateException ex) when (!context.Response.HasStarted)
        {
            await AdminJson.WriteErrorAsync(context, StatusCodes.Status409Conflict, "conflict", ex.Message);
        }
    };

    /// <summary>The caller <see cref="AdminAuthMiddleware"/> authenticated (it runs before every admin API endpoint).</summary>
    public static AdminCaller Caller(HttpContext context) =>
        context.Features.Get<AdminCaller>() ?? throw new InvalidOperationException("AdminAuthMiddleware did not run before an admin endpoint.");
}
