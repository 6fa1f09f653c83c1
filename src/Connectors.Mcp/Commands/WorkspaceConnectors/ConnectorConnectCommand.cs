using System.CommandLine;
using Connectors.Mcp.Commands.Shared;
using Connectors.Mcp.Core.Instructions;
using Connectors.Mcp.Core.OAuth;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.OAuth;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.WorkspaceConnectors;

/// <summary>
/// <c>connector connect CONNECTOR_ID [--no-browser] [--timeout SECONDS]</c>: connects the connector to an account with
/// the OAuth authorization code flow, PKCE and a loopback redirect (RFC 8252). Listens on
/// <c>http://127.0.0.1:&lt;random port&gt;/callback</c>, prints the consent URL on stderr (and opens a browser when there
/// is one), waits for the provider's redirect, exchanges the code and stores the tokens encrypted. Stdout gets one line:
/// <c>Connected NAME (ID)[ for ACCOUNT].</c>
/// </summary>
internal sealed class ConnectorConnectCommand : Command
{
    public const int DefaultTimeoutSeconds = 300;

    /// <summary>Longer than the token request's own timeout, so a started exchange always ends first.</summary>
    private static readonly TimeSpan ExchangeBound = TimeSpan.FromSeconds(60);

    private readonly Argument<string> _connectorId = new("CONNECTOR_ID") { Description = "The connector's id (see `connector list`)." };

    private readonly Option<bool> _noBrowser = new("--no-browser") { Description = "Only print the URL; do not try to open a browser." };

    private readonly Option<int> _timeout = new("--timeout")
    {
        Description = $"Seconds to wait for the browser to come back (default {DefaultTimeoutSeconds}; at most {(int)OAuthConnectFlow.StateLifetime.TotalSeconds}, the link's lifetime).",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => DefaultTimeoutSeconds,
    };

    public ConnectorConnectCommand(CliContext context)
        : base("connect", "Connect a connector to an account in the browser (OAuth with PKCE and a loopback redirect); it becomes active.")
    {
        Add(_connectorId);
        Add(_noBrowser);
        Add(_timeout);
        SetAction((parseResult, cancellationToken) => context.RunWithServicesAsync(parseResult, cancellationToken, async (services, ct) =>
        {
            var seconds = parseResult.GetValue(_timeout);
            if (seconds < 1 || seconds > OAuthConnectFlow.StateLifetime.TotalSeconds)
            {
                throw new UsageException($"--timeout must be between 1 and {(int)OAuthConnectFlow.StateLifetime.TotalSeconds} seconds (the authorization link expires after {OAuthConnectFlow.StateLifetime.TotalMinutes:0} minutes).");
            }

            var connector = await services.GetRequiredService<IConnectorStore>().RequireConnectorAsync(parseResult.GetRequiredValue(_connectorId), ct);
            var flow = services.GetRequiredService<OAuthConnectFlow>();
            var time = services.GetRequiredService<TimeProvider>();
            var stderr = context.Console.Error;

            await using var listener = await LoopbackRedirectListener.StartAsync(ct);
            OAuthAuthorizationRequest request;
            try
            {
                request = await flow.StartAsync(connector, listener.RedirectUri, ct);
            }
            catch (OAuthConnectException exception)
            {
                throw Refused(exception, connector);
            }

            // The code exchange runs to its end once the redirect arrived, even if the command is cancelled meanwhile:
            // the state and the code are spent by then, and the tokens should not be lost.
            listener.Arm(request.State, callback => flow.CompleteAsync(callback, listener.RedirectUri, CancellationToken.None));
            var timeout = TimeSpan.FromSeconds(seconds);
            stderr.WriteLine($"To connect {connector.Name} ({connector.Id}) to a {request.ProviderDisplayName} account, open this URL in a browser and allow access:");
            stderr.WriteLine();
            stderr.WriteLine($"  {request.AuthorizationUrl.AbsoluteUri}");
            stderr.WriteLine();
            if (!parseResult.GetValue(_noBrowser) && BrowserLauncher.TryOpen(request.AuthorizationUrl))
            {
                stderr.WriteLine("(Opened your browser.)");
            }

            stderr.WriteLine($"Waiting up to {Describe(timeout)} for {request.ProviderDisplayName} to redirect to {listener.RedirectUri} … (Ctrl+C to cancel)");
            stderr.Flush();

            var connection = await WaitAsync(listener, timeout, time, connector, ct);
            context.Console.Out.WriteLine(ConnectMessages.Connected(connection));
            if (!connection.HasRefreshToken)
            {
                stderr.WriteLine(
                    $"warning: {request.ProviderDisplayName} issued no refresh token, so this connection ends when the access token expires (usually an hour). " +
                    $"Remove the app's access in the account's security settings and run {CliInstructions.ConnectorConnect(connector.Id)} again.");
            }

            if (connection.Connector.Status == ConnectorStatus.Disabled)
            {
                stderr.WriteLine($"The connector is disabled; its tools appear once you run {CliInstructions.ConnectorEnable(connector.Id)}.");
            }

            return ExitCodes.Success;
        }));
    }

    private static async Task<OAuthConnection> WaitAsync(LoopbackRedirectListener listener, TimeSpan timeout, TimeProvider time, ConnectorInstance connector, CancellationToken cancellationToken)
    {
        try
        {
            try
            {
                return await listener.Result.WaitAsync(timeout, time, cancellationToken);
            }
            catch (TimeoutException) when (listener.IsCompleting)
            {
                // The redirect arrived just in time and the code exchange is under way: let it finish (it is bounded).
                return await listener.Result.WaitAsync(ExchangeBound, time, cancellationToken);
            }
        }
        catch (TimeoutException)
        {
            throw new CommandRefusedException(
                $"No redirect arrived within {Describe(timeout)}; nothing was stored. Run {CliInstructions.ConnectorConnect(connector.Id)} again " +
                "(with --no-browser, open the printed URL in any browser on this machine).");
        }
        catch (OAuthConnectException exception)
        {
            throw Refused(exception, connector);
        }
    }

    private static CommandRefusedException Refused(OAuthConnectException exception, ConnectorInstance connector) =>
        new(exception.StartAgain
            ? $"{exception.Message} Run {CliInstructions.ConnectorConnect(connector.Id)} to try again."
            : exception.Message);

    private static string Describe(TimeSpan timeout) =>
        timeout.TotalSeconds % 60 == 0 ? $"{timeout.TotalMinutes:0} min" : $"{timeout.TotalSeconds:0} s";
}
