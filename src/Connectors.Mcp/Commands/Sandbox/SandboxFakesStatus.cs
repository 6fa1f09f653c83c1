using System.Net;
using System.Text.Json.Nodes;
using Connectors.Mcp.Sandbox;
using Connectors.Mcp.Sandbox.Google;
using Connectors.Mcp.Sandbox.Microsoft;
using Connectors.Mcp.Sandbox.Zoom;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Connectors.Mcp.Commands.Sandbox;

/// <summary>
/// The status endpoint of <c>sandbox fakes</c>, on 127.0.0.1 only and only in this sandbox process: what reached the
/// fakes, for a person or a test watching several servers share them. <c>GET /status</c> answers the request counters
/// (token requests per provider, Gmail sends by subject, Zoom creates) — never a token or a message body;
/// <c>POST /expire-access-tokens</c> makes every access token the fakes issued expired, as time passing would (the
/// servers then refresh). A Host header other than a loopback name is refused (DNS rebinding).
/// </summary>
internal sealed class SandboxFakesStatus : IAsyncDisposable
{
    /// <summary>At most this many sent subjects are listed (the newest).</summary>
    public const int MaxSubjects = 1000;

    private readonly WebApplication _app;

    private SandboxFakesStatus(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
    }

    public Uri Root { get; }

    public static async Task<SandboxFakesStatus> StartAsync(SandboxEnvironment sandbox, int port, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.Use((context, next) => IsLoopbackHost(context.Request.Host)
            ? next(context)
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden, detail: "Loopback host names only.").ExecuteAsync(context));
        app.MapGet("/status", () => Results.Text(Snapshot(sandbox).ToJsonString(), "application/json"));
        app.MapPost("/expire-access-tokens", () =>
        {
            Google(sandbox).ExpireAccessTokens();
            Microsoft(sandbox).ExpireAccessTokens();
            Zoom(sandbox).ExpireAccessTokens();
            return Results.NoContent();
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel reported no address.");
        return new SandboxFakesStatus(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private static JsonObject Snapshot(SandboxEnvironment sandbox)
    {
        var google = Google(sandbox);
        var microsoft = Microsoft(sandbox);
        var zoom = Zoom(sandbox);
        return new JsonObject
        {
            ["workspace"] = sandbox.Workspace.Slug,
            ["google"] = new JsonObject
            {
                ["token_requests"] = google.TokenRequestCount,
                ["requests"] = google.TotalRequestCount,
                ["sent_subjects"] = new JsonArray([.. google.SentMessages.TakeLast(MaxSubjects).Select(m => (JsonNode?)JsonValue.Create(m.Message.Subject))]),
            },
            ["microsoft"] = new JsonObject { ["token_requests"] = microsoft.RequestCount(FakeMicrosoftEndpoints.Token) },
            ["zoom"] = new JsonObject
            {
                ["token_requests"] = zoom.TokenRequestCount,
                ["requests"] = zoom.TotalRequestCount,
                ["meetings_created"] = zoom.MeetingsCreated,
            },
        };
    }

    private static bool IsLoopbackHost(HostString host) =>
        host.Host is "127.0.0.1" or "localhost" or "[::1]" or "::1";

    private static FakeGoogleServer Google(SandboxEnvironment sandbox) => sandbox.Families.OfType<GoogleSandboxFamily>().Single().Server;

    private static FakeMicrosoftServer Microsoft(SandboxEnvironment sandbox) => sandbox.Families.OfType<MicrosoftSandboxFamily>().Single().Server;

    private static FakeZoomServer Zoom(SandboxEnvironment sandbox) => sandbox.Families.OfType<ZoomSandboxFamily>().Single().Server;
}
