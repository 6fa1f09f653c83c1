using System.Text;
using Connectors.Mcp.Core.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connectors.Mcp.Hosting.Admin;

/// <summary>
/// <c>GET /admin/api/events</c>: a <c>text/event-stream</c> of <see cref="AdminEventFeed"/>'s events
/// (<c>event: NAME</c>, <c>data: {json}</c>), with a <c>: ping</c> comment every <see cref="PingInterval"/> so proxies
/// and the browser keep the connection; when the client goes away its subscription is removed. The stream also ends when
/// the server stops, so an open console does not hold a graceful shutdown for the host's whole shutdown timeout.
/// </summary>
public static class AdminEventsEndpoint
{
    public static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapAdminEvents(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/events", AdminApi.Handle(StreamAsync));
        return endpoints;
    }

    private static async Task StreamAsync(HttpContext context)
    {
        var feed = context.RequestServices.GetRequiredService<AdminEventFeed>();
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Accel-Buffering"] = "no";

        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ends = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        var ct = ends.Token;
        using var subscription = feed.Subscribe();
        try
        {
            await WriteAsync(context, ": connected\n\n", ct);
            while (!ct.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var ready = subscription.Events.WaitToReadAsync(wait.Token).AsTask();
                var ping = Task.Delay(PingInterval, time, wait.Token);
                var first = await Task.WhenAny(ready, ping);
                await wait.CancelAsync();
                if (first == ping)
                {
                    await WriteAsync(context, ": ping\n\n", ct);
                    continue;
                }

                if (!await ready)
                {
                    return;
                }

                var batch = new StringBuilder();
                while (subscription.Events.TryRead(out var adminEvent))
                {
                    batch.Append("event: ").Append(adminEvent.Name).Append('\n')
                        .Append("data: ").Append(JsonText.Write(adminEvent.Data)).Append("\n\n");
                }

                await WriteAsync(context, batch.ToString(), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away, or the server is stopping.
        }
    }

    private static async Task WriteAsync(HttpContext context, string text, CancellationToken ct)
    {
        await context.Response.WriteAsync(text, ct);
        await context.Response.Body.FlushAsync(ct);
    }
}
