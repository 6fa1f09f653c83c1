using System.Threading.Channels;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// <c>connector set-tools</c>, run by the CLI in another process while a client is connected over streamable HTTP: the
/// session is sent <c>notifications/tools/list_changed</c>, its next tools/list holds only the published actions, and a
/// call to an unpublished one is answered like an unknown tool; <c>--all</c> brings them back the same way.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SetToolsListChangedTests(SingleWorkspaceHttpFixture fixture) : IClassFixture<SingleWorkspaceHttpFixture>
{
    /// <summary>How soon the notification must arrive (the server polls catalog versions every second).</summary>
    private static readonly TimeSpan NotificationWithin = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task SetToolsThenAll_NotifyTheSessionAndChangeItsList()
    {
        var notifications = Channel.CreateUnbounded<JsonRpcNotification>();
        var options = ClientOptions.Plain().Speaking(ClientOptions.SessionProtocol);
        options.Handlers.NotificationHandlers =
        [
            new(NotificationMethods.ToolListChangedNotification, (notification, _) =>
            {
                notifications.Writer.TryWrite(notification);
                return ValueTask.CompletedTask;
            }),
        ];
        await using var client = await fixture.Server.ConnectAsync(fixture.ApiKey, options: options);
        Assert.Equal(8, (await client.ListToolsRawAsync()).Count);
        try
        {
            await fixture.Installation.Cli.RunOkAsync("connector", "set-tools", fixture.Gmail.ConnectorId, "search_inbox,get_message");

            await ExpectNotificationAsync(notifications);
            var narrowed = (await client.ListToolsRawAsync()).Select(t => t.Name).Order(StringComparer.Ordinal);
            Assert.Equal(["get_approval", "gmail_get_message", "gmail_search_inbox", "list_connectors"], narrowed);
            var refused = await Assert.ThrowsAsync<McpProtocolException>(
                () => client.CallAsync("gmail_send_email", """{"to":["bob@example.com"],"subject":"hi","body":"hi"}"""));
            Assert.Equal(McpErrorCode.InvalidParams, refused.ErrorCode);
            Assert.Contains("Unknown tool 'gmail_send_email' in workspace 'acme'", refused.Message, StringComparison.Ordinal);

            await fixture.Installation.Cli.RunOkAsync("connector", "set-tools", fixture.Gmail.ConnectorId, "--all");

            await ExpectNotificationAsync(notifications);
            Assert.Contains(await client.ListToolsRawAsync(), t => t.Name == "gmail_send_email");
        }
        finally
        {
            await fixture.Installation.Cli.RunAsync("connector", "set-tools", fixture.Gmail.ConnectorId, "--all");
        }
    }

    [Fact]
    public async Task SetToolModeDiscoveryThenAll_NotifyTheSessionAndSwapItsList()
    {
        var notifications = Channel.CreateUnbounded<JsonRpcNotification>();
        var options = ClientOptions.Plain().Speaking(ClientOptions.SessionProtocol);
        options.Handlers.NotificationHandlers =
        [
            new(NotificationMethods.ToolListChangedNotification, (notification, _) =>
            {
                notifications.Writer.TryWrite(notification);
                return ValueTask.CompletedTask;
            }),
        ];
        await using var client = await fixture.Server.ConnectAsync(fixture.ApiKey, options: options);
        Assert.Contains(await client.ListToolsRawAsync(), t => t.Name == "gmail_send_email");
        try
        {
            var set = await fixture.Installation.Cli.RunOkAsync("workspace", "set-tool-mode", "acme", "discovery");

            await ExpectNotificationAsync(notifications);
            Assert.Contains("Tool mode of workspace 'acme': discovery", set.Stdout, StringComparison.Ordinal);
            Assert.Equal(["call_tool", "search_tools"], (await client.ListToolsRawAsync()).Select(t => t.Name).Order(StringComparer.Ordinal));
            (await client.CallAsync("call_tool", """{"name":"gmail_search_inbox","arguments":{"max_results":1}}""")).AssertSuccess();
            Assert.Contains("\"tool_mode\":\"discovery\"", (await fixture.Installation.Cli.RunOkAsync("workspace", "list", "--json")).Stdout, StringComparison.Ordinal);

            await fixture.Installation.Cli.RunOkAsync("workspace", "set-tool-mode", "acme", "all");

            await ExpectNotificationAsync(notifications);
            Assert.Contains(await client.ListToolsRawAsync(), t => t.Name == "gmail_send_email");
        }
        finally
        {
            await fixture.Installation.Cli.RunAsync("workspace", "set-tool-mode", "acme", "all");
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
}
