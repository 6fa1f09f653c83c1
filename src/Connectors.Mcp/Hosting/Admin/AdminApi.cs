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
    public static RequestDelegate Handle(Func<HttpContext, Task> handler) => Wrap(handler, requireCaller: true);

    /// <summary>
    /// Like <see cref="Handle"/> for the one admin endpoint open without an admin caller: sign-in (its route is
    /// <c>AllowAnonymous</c>; it checks the token it is given).
    /// </summary>
    public static RequestDelegate HandleSignIn(Func<HttpContext, Task> handler) => Wrap(handler, requireCaller: false);

    private static RequestDelegate Wrap(Func<HttpContext, Task> handler, bool requireCaller) => async context =>
    {
        try
        {
            if (requireCaller)
            {
                // Fail closed: routing's access rule should have refused this request already; if it did not (an
                // endpoint mapped outside the admin route group), nothing runs without an admin caller.
                _ = Caller(context);
            }

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

    /// <summary>
    /// The caller <see cref="AdminAuthenticationHandler"/> authenticated for this request; 401 <c>unauthorized</c> when
    /// there is none (the request was not authenticated by the admin scheme).
    /// </summary>
    /// <exception cref="AdminApiException">No admin caller.</exception>
    public static AdminCaller Caller(HttpContext context) =>
        FindCaller(context)
        ?? throw AdminApiException.Unauthorized("This admin endpoint needs an admin token (Authorization: Bearer cma_…) or a signed-in console session.");

    /// <summary>The admin caller of this request, or <c>null</c> when the admin scheme did not authenticate it.</summary>
    public static AdminCaller? FindCaller(HttpContext context) =>
        context.Features.Get<AdminCaller>() is { } caller
        && context.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == Auth.EdgeAuthorization.AdminScheme)
            ? caller
            : null;
}
