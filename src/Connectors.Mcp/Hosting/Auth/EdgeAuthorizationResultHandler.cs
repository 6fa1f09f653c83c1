using System.Text.Json;
using Connectors.Mcp.Hosting.Admin;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Hosting.Auth;

/// <summary>
/// Turns an authorization decision into the response: success runs the endpoint; an unauthenticated caller gets the
/// policy's scheme challenge (401 with what to send); an admin refusal gets 403 with its code (<c>forbidden</c>,
/// <c>csrf</c>); an endpoint that declared no access rule is refused (403, and logged as the bug it is). A request that
/// routed to nothing gets 404 without running anything; routing's own 405 answer (not a mapped endpoint) is let through.
/// </summary>
public sealed partial class EdgeAuthorizationResultHandler(ILogger<EdgeAuthorizationResultHandler> logger) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded)
        {
            await next(context);
            return;
        }

        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (policy.Requirements.OfType<UndeclaredAccessRequirement>().Any())
        {
            if (endpoint is not RouteEndpoint)
            {
                // Routing's "405 method not supported" answer: it runs no handler of ours.
                await next(context);
                return;
            }

            LogUndeclared(logger, endpoint.DisplayName ?? "(unnamed)");
            await WriteAsync(context, StatusCodes.Status403Forbidden, "This endpoint declares no access rule, so it is refused.");
            return;
        }

        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailureReasons.OfType<AdminRefusal>().FirstOrDefault() is { } refusal)
        {
            await AdminJson.WriteErrorAsync(context, StatusCodes.Status403Forbidden, refusal.Code, refusal.Message);
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }

    private static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new { error = new { code = "forbidden", message } }), context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Endpoint {Endpoint} was mapped without an access rule (RequireAuthorization or AllowAnonymous); it is refused.")]
    private static partial void LogUndeclared(ILogger logger, string endpoint);
}
