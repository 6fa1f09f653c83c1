using System.Net;
using System.Security.Cryptography;
using System.Text;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Connectors.Mcp.OAuth;

/// <summary>
/// The loopback redirect of a native app (RFC 8252 §7.3): a tiny HTTP server on <c>http://127.0.0.1:&lt;random
/// port&gt;/callback</c> that waits for the provider to send the browser back. Only a redirect carrying the state of the
/// flow it was armed with is handed to the connect flow, once; anything else gets an error page and the wait goes on.
/// The browser gets a small result page written before the command moves on.
/// </summary>
internal sealed class LoopbackRedirectListener : IAsyncDisposable
{
    public const string CallbackPath = "/callback";

    private readonly WebApplication _app;
    private readonly TaskCompletionSource<OAuthConnection> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Armed? _armed;
    private int _completing;

    private LoopbackRedirectListener(WebApplication app, Uri redirectUri)
    {
        _app = app;
        RedirectUri = redirectUri;
    }

    /// <summary><c>http://127.0.0.1:PORT/callback</c>: the redirect URI to register with the flow.</summary>
    public Uri RedirectUri { get; }

    /// <summary>Whether a redirect with the right state is being completed (the code exchange is under way).</summary>
    public bool IsCompleting => Volatile.Read(ref _completing) == 1;

    /// <summary>Completes with the connection, or fails with the flow's <see cref="OAuthConnectException"/>.</summary>
    public Task<OAuthConnection> Result => _result.Task;

    public static async Task<LoopbackRedirectListener> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<IHostLifetime, CommandHostLifetime>();
        var app = builder.Build();
        LoopbackRedirectListener? listener = null;
        app.Run(context => Volatile.Read(ref listener) is { } ready
            ? ready.HandleAsync(context)
            : OAuthResultPage.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Not ready", "The connect command is still starting. Nothing was stored."));
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The loopback listener reported no address.");
        var created = new LoopbackRedirectListener(app, new Uri(new Uri(address), CallbackPath));
        Volatile.Write(ref listener, created);
        return created;
    }

    /// <summary>From now on, a redirect carrying <paramref name="state"/> is completed with <paramref name="complete"/>.</summary>
    public void Arm(string state, Func<OAuthCallback, Task<OAuthConnection>> complete) =>
        Volatile.Write(ref _armed, new Armed(Encoding.UTF8.GetBytes(state), complete));

    public async ValueTask DisposeAsync()
    {
        _result.TrySetCanceled();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path != CallbackPath)
        {
            await OAuthResultPage.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", $"This local address only receives the redirect of {CliInstructions.ConnectorConnectCommand}.");
            return;
        }

        var armed = Volatile.Read(ref _armed);
        if (armed is null || _result.Task.IsCompleted)
        {
            await OAuthResultPage.WriteAsync(context, StatusCodes.Status410Gone, "Nothing is waiting here",
                "The connect command that listened here is not waiting for a redirect (any more). Nothing was stored.");
            return;
        }

        var callback = OAuthCallback.FromQuery(name => context.Request.Query[name].FirstOrDefault());
        if (callback.State is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(callback.State), armed.State))
        {
            await OAuthResultPage.WriteAsync(context, StatusCodes.Status400BadRequest, "Not this connection",
                "This redirect does not belong to the connect command waiting here (its state does not match). Nothing was stored; the command keeps waiting for its own redirect.");
            return;
        }

        if (Interlocked.Exchange(ref _completing, 1) == 1)
        {
            await OAuthResultPage.WriteAsync(context, StatusCodes.Status409Conflict, "Already received",
                "This redirect was received already; the terminal shows the outcome. Nothing more was stored.");
            return;
        }

        // The result is published after the page is written, so the command does not stop the listener mid-response.
        Exception? failure = null;
        OAuthConnection? connection = null;
        try
        {
            connection = await armed.Complete(callback);
            await OAuthResultPage.WriteAsync(context, StatusCodes.Status200OK, "Connected",
                $"{ConnectMessages.Connected(connection)} You can close this tab and return to the terminal.");
        }
        catch (OAuthConnectException exception)
        {
            failure = exception;
            await OAuthResultPage.WriteAsync(context, StatusCodes.Status400BadRequest, "Not connected", $"{exception.Message} The terminal says what to do next.");
        }
        catch (Exception exception)
        {
            failure = exception;
            await OAuthResultPage.WriteAsync(context, StatusCodes.Status500InternalServerError, "Not connected",
                "Connecting failed with an unexpected error; the terminal shows it.");
        }
        finally
        {
            if (failure is null && connection is not null)
            {
                _result.TrySetResult(connection);
            }
            else
            {
                _result.TrySetException(failure ?? new InvalidOperationException("The connect flow ended without a result."));
            }
        }
    }

    private sealed record Armed(byte[] State, Func<OAuthCallback, Task<OAuthConnection>> Complete);

    /// <summary>The listener lives inside a CLI command: Ctrl+C is the command's, not the listener's.</summary>
    private sealed class CommandHostLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
