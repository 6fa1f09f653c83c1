using System.Threading.Channels;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// A stateful session is sent <c>notifications/tools/list_changed</c> when the CLI, in another process, disables or
/// enables the workspace's connector; a fresh tools/list then reflects it.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ToolListChangedTests(SingleWorkspaceHttpFixture fixture) : IClassFixture<SingleWorkspaceHttpFixture>
{
    /// <summary>How soon the notification must arrive (the server polls catalog versions every second).</summary>
    private static readonly TimeSpan NotificationWithin = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task StreamableHttp_DisableAndEnable_NotifyAndChangeTheList()
    {
        var notifications = Channel.CreateUnbounded<JsonRpcNotification>();
        // Notifications need a session: an initialize client's (a 2026-07-28 client has none to be sent them on).
        await using var client = await fixture.Server.ConnectAsync(fixture.ApiKey, options: Notified(notifications).Speaking(ClientOptions.SessionProtocol));

        await DisableAndEnableAsync(client, notifications);
    }

    [Fact]
    public async Task Stdio_DisableAndEnable_NotifyAndChangeTheList()
    {
        var notifications = Channel.CreateUnbounded<JsonRpcNotification>();
        await using var server = await StdioServer.StartAsync(fixture.Installation.Home, "acme", Notified(notifications));

        await DisableAndEnableAsync(server.Client, notifications);
    }

    private async Task DisableAndEnableAsync(McpClient client, Channel<JsonRpcNotification> notifications)
    {
        Assert.Equal(8, (await client.ListToolsRawAsync()).Count);
        try
        {
            await fixture.Installation.Cli.RunOkAsync("connector", "disable", fixture.Gmail.ConnectorId);

            await ExpectNotificationAsync(notifications);
            var afterDisable = (await client.ListToolsRawAsync()).Select(t => t.Name).ToList();
            Assert.Equal(["get_approval", "list_connectors"], afterDisable.Order(StringComparer.Ordinal));

            await fixture.Installation.Cli.RunOkAsync("connector", "enable", fixture.Gmail.ConnectorId);

            await ExpectNotificationAsync(notifications);
            var afterEnable = await client.ListToolsRawAsync();
            Assert.Equal(8, afterEnable.Count);
            Assert.Contains(afterEnable, t => t.Name == "gmail_send_email");
        }
        finally
        {
            await fixture.Installation.Cli.RunAsync("connector", "enable", fixture.Gmail.ConnectorId);
        }
    }

    private static async Task ExpectNotificationAsync(Channel<JsonRpcNotification> notifications)
    {
        using var timeout = new CancellationTokenSource(NotificationWithin);
        try
        {
            var notification = await notifications.Reader.ReadAsync(timeout.Token);
            Assert.Equal(NotificationMethods.ToolListChangedNotification, notification.Method);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"No notifications/tools/list_changed within {NotificationWithin}.");
        }
    }

    private static McpClientOptions Notified(Channel<JsonRpcNotification> notifications)
    {
        var options = ClientOptions.Plain();
        options.Handlers.NotificationHandlers =
        [
            new(NotificationMethods.ToolListChangedNotification, (notification, _) =>
            {
                notifications.Writer.TryWrite(notification);
                return ValueTask.CompletedTask;
            }),
        ];
        return options;
    }
}
