using Connectors.Mcp.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>What every admin endpoint shares: the authenticated caller, and typed errors turned into the contract's shape.</summary>
public static partial class AdminApi
{
    /// <summary>
    /// Wraps a handler: <see cref="AdminApiException"/> → its status; unknown id → 404; wrong state → 409; a bug → logged
    /// and 500 <c>internal</c> in the same JSON shape, without its details.
    /// </summary>
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
        catch (Exception ex) when (ex is not OperationCanceledException && !context.Response.HasStarted)
        {
            LogFailed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminApi)), ex, context.Request.Method, context.Request.Path.Value ?? "");
            await AdminJson.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "internal",
                "The server failed to handle this request; its log has the details.");
        }
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Admin API {Method} {Path} failed.")]
    private static partial void LogFailed(ILogger logger, Exception exception, string method, string path);

    /// <summary>The caller <see cref="AdminAuthMiddleware"/> authenticated (it runs before every admin API endpoint).</summary>
    public static AdminCaller Caller(HttpContext context) =>
        context.Features.Get<AdminCaller>() ?? throw new InvalidOperationException("AdminAuthMiddleware did not run before an admin endpoint.");
}
