using System.Text.Json;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.OAuth;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Hosting;

/// <summary>
/// The connect flow for server deployments (<c>serve --http</c>):
/// <list type="bullet">
/// <item><c>GET /oauth/start/{connectorId}</c> — an operator's: it needs an admin token
/// (<see cref="Auth.EdgeAuthorization.AdminPolicy"/>), never a workspace API key — an agent holding its workspace's key
/// must not be able to re-bind a connector to another account. 302 to the provider's consent screen (404 for an unknown
/// connector). The console's Reconnect button is <c>POST /admin/api/connectors/{id}/reconnect</c>, the same flow.</item>
/// <item><c>GET /oauth/callback</c> — where the provider sends the browser back. It cannot carry a credential, so it is
/// <c>AllowAnonymous</c> (after the Host/Origin check) and the single-use state authenticates it: the state is redeemed,
/// the redirect URI must be exactly the one the flow started with, the code is exchanged and the tokens stored. A small
/// HTML page says what happened (400 with what to do on any error; nothing stored then).</item>
/// </list>
/// The redirect URI is <c>$CONNECTORS_MCP_PUBLIC_URL</c> + <c>/oauth/callback</c> when that variable is set (a server
/// behind a proxy or TLS terminator), else the request's own scheme and (allow-listed) Host + <c>/oauth/callback</c>.
/// </summary>
public static class OAuthConnectEndpoints
{
    public const string StartPath = "/oauth/start";
    public const string CallbackPath = "/oauth/callback";
    public const string PublicUrlVariable = "CONNECTORS_MCP_PUBLIC_URL";

    public static IEndpointRouteBuilder MapOAuthConnect(this IEndpointRouteBuilder endpoints)
    {
        var publicUrl = ReadPublicUrl(Environment.GetEnvironmentVariable(PublicUrlVariable));
        endpoints.MapGet(StartPath + "/{connectorId}", context => StartAsync(context, publicUrl)).RequireAuthorization(Auth.EdgeAuthorization.AdminPolicy);
        endpoints.MapGet(CallbackPath, context => CallbackAsync(context, publicUrl)).AllowAnonymous();
        return endpoints;
    }

    /// <summary>The redirect URI a request to this server implies.</summary>
    internal static Uri RedirectUri(HttpRequest request, Uri? publicUrl) => publicUrl is not null
        ? new Uri(publicUrl.AbsoluteUri.TrimEnd('/') + CallbackPath)
        : new Uri($"{request.Scheme}://{request.Host.Value}{request.PathBase}{CallbackPath}");

    internal static Uri? ReadPublicUrl(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw new CommandRefusedException(
                $"${PublicUrlVariable} must be the server's public base URL, e.g. https://mcp.example.com (no query or fragment); got '{value}'.");
        }

        return url;
    }

    private static async Task StartAsync(HttpContext context, Uri? publicUrl)
    {
        if (Admin.AdminApi.FindCaller(context) is null)
        {
            // Fail closed: the route's access rule admits only admin callers; nothing runs if none reached here.
            await JsonAsync(context, StatusCodes.Status401Unauthorized, "unauthorized", "Starting a connection needs an admin token (Authorization: Bearer cma_…).");
            return;
        }

        var connectorId = context.Request.RouteValues["connectorId"] as string ?? "";
        var connector = await context.RequestServices.GetRequiredService<IConnectorStore>().FindAsync(connectorId, context.RequestAborted);
        if (connector is null)
        {
            await JsonAsync(context, StatusCodes.Status404NotFound, "not_found", $"No connector '{connectorId}'. {CliInstructions.ConnectorList("SLUG")} lists a workspace's connectors.");
            return;
        }

        OAuthAuthorizationRequest request;
        try
        {
            request = await context.RequestServices.GetRequiredService<OAuthConnectFlow>()
                .StartAsync(connector, RedirectUri(context.Request, publicUrl), context.RequestAborted);
        }
        catch (OAuthConnectException exception)
        {
            await JsonAsync(context, StatusCodes.Status409Conflict, ConnectMessages.Code(exception.Error), exception.Message);
            return;
        }

        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.Redirect(request.AuthorizationUrl.AbsoluteUri);
    }

    private static async Task CallbackAsync(HttpContext context, Uri? publicUrl)
    {
        var callback = OAuthCallback.FromQuery(name => context.Request.Query[name].FirstOrDefault());
        OAuthConnection connection;
        try
        {
            // Not the request's token: once the state is redeemed the exchange runs to its end (it is bounded), even if
            // the browser goes away, so a spent code still yields stored tokens.
            connection = await context.RequestServices.GetRequiredService<OAuthConnectFlow>()
                .CompleteAsync(callback, RedirectUri(context.Request, publicUrl), CancellationToken.None);
        }
        catch (OAuthConnectException exception)
        {
            var next = exception.StartAgain
                ? $" To try again, press Reconnect in the admin console (/admin), or run {CliInstructions.ConnectorConnect("CONNECTOR_ID")} on the server."
                : "";
            await OAuthResultPage.WriteAsync(context, StatusCodes.Status400BadRequest, "Not connected", exception.Message + next);
            return;
        }

        await OAuthResultPage.WriteAsync(context, StatusCodes.Status200OK, "Connected", $"{ConnectMessages.Connected(connection)} You can close this tab.");
    }

    private static Task JsonAsync(HttpContext context, int status, string error, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["error"] = error, ["message"] = message }), context.RequestAborted);
    }
}
