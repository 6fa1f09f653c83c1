using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// <c>serve --http --stateless</c> against the real C# SDK client speaking 2026-07-28 and 2025-11-25: no session is
/// issued to either, and nothing a request needs is refused — tools/list, calls, the key's scope (decided per request
/// from its Authorization header), approvals (through an input request for a 2026-07-28 client, queued for an older
/// one: no session to send it elicitation/create on), and tools/list_changed over a 2026-07-28 client's
/// subscriptions/listen stream.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class StatelessHttpTests(StatelessHttpFixture fixture) : IClassFixture<StatelessHttpFixture>
{
    [Theory]
    [InlineData(ClientOptions.StatelessProtocol)]
    [InlineData(ClientOptions.SessionProtocol)]
    public async Task ListAndCall_WorkWithoutASession(string protocol)
    {
        await using var client = await fixture.Server.ConnectAsync(fixture.ApiKey, options: ClientOptions.Plain().Speaking(protocol));

        var tools = await client.ListToolsRawAsync();
        var listed = (await client.CallAsync("list_connectors")).AssertSuccess().Structured();

        Assert.Null(client.SessionId);
        Assert.Equal(protocol, client.NegotiatedProtocolVersion);
        Assert.Equal(8, tools.Count);
        Assert.Contains(tools, t => t.Name == "gmail_send_email");
        Assert.Equal("acme", (string)listed["workspace"]!);
    }

    [Theory]
    [InlineData(ClientOptions.StatelessProtocol)]
    [InlineData(ClientOptions.SessionProtocol)]
    public async Task ReadOnlyKey_IsScopedPerRequest(string protocol)
    {
        await using var client = await fixture.Server.ConnectAsync(fixture.ReadOnlyKey, options: ClientOptions.Plain().Speaking(protocol));

        var tools = (await client.ListToolsRawAsync()).Select(t => t.Name).ToList();
        var send = await client.CallToolAsync("gmail_send_email", new Dictionary<string, object?> { ["to"] = new[] { "ops@acme.example" }, ["subject"] = "x", ["body"] = "y" })
            .AsTask().ContinueWith(t => t.Exception?.InnerException, TaskScheduler.Default).WaitAsync(Bounded.Call);

        Assert.NotEmpty(tools);
        Assert.DoesNotContain("gmail_send_email", tools);
        Assert.IsType<ModelContextProtocol.McpProtocolException>(send);
    }

    [Fact]
    public async Task ModernClient_ApprovesThroughAnInputRequest()
    {
        await fixture.Installation.Cli.RunOkAsync("workspace", "set-approvers", "acme", "client");
        var asked = new ConcurrentQueue<string>();
        await using var client = await fixture.Server.ConnectAsync(fixture.ApiKey, options: Answering(asked, "accept").Speaking(ClientOptions.StatelessProtocol));
        var subject = $"Stateless MRTR {Guid.NewGuid():N}";

        var result = await client.CallAsync("gmail_send_email", Send(subject));

        result.AssertSuccess();
        Assert.Single(asked);
        Assert.Equal(1, fixture.Installation.Google.SentMessages.Count(m => m.Message.Subject == subject));
    }

    [Fact]
    public async Task OlderClient_GetsTheApprovalQueued_WithoutBeingAsked()
    {
        await fixture.Installation.Cli.RunOkAsync("workspace", "set-approvers", "acme", "client");
        var asked = new ConcurrentQueue<string>();
        await using var client = await fixture.Server.ConnectAsync(fixture.ApiKey, options: Answering(asked, "accept").Speaking(ClientOptions.SessionProtocol));
        var subject = $"Stateless legacy {Guid.NewGuid():N}";

        var result = await client.CallAsync("gmail_send_email", Send(subject));

        Assert.Empty(asked);
        Assert.Equal("pending_approval", (string)result.AssertSuccess().Structured()["status"]!);
        Assert.Equal(0, fixture.Installation.Google.SentMessages.Count(m => m.Message.Subject == subject));
    }

    [Fact]
    public async Task WithoutAKey_IsUnauthorized_AndLegacySseIsNotServed()
    {
        using var http = new HttpClient { Timeout = Bounded.Call };
        using var anonymous = new HttpRequestMessage(HttpMethod.Post, fixture.Server.McpUrl)
        {
            Content = new StringContent("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        anonymous.Headers.Add("MCP-Protocol-Version", ClientOptions.StatelessProtocol);
        using var sse = new HttpRequestMessage(HttpMethod.Get, fixture.Server.SseUrl);
        sse.Headers.Authorization = new("Bearer", fixture.ApiKey);

        using var refused = await http.SendAsync(anonymous);
        using var noSse = await http.SendAsync(sse);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.False(noSse.IsSuccessStatusCode, $"{(int)noSse.StatusCode}");
    }

    [Fact]
    public async Task ModernClient_ListeningForToolChanges_IsToldWhenTheCliDisablesTheConnector()
    {
        var changed = System.Threading.Channels.Channel.CreateUnbounded<JsonRpcNotification>();
        var acknowledged = new TaskCompletionSource<JsonRpcNotification>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var client = await fixture.Server.ConnectAsync(fixture.ApiKey, options: ClientOptions.Plain().Speaking(ClientOptions.StatelessProtocol));
        await using var onChange = client.RegisterNotificationHandler(NotificationMethods.ToolListChangedNotification, (n, _) =>
        {
            changed.Writer.TryWrite(n);
            return ValueTask.CompletedTask;
        });
        await using var onAck = client.RegisterNotificationHandler(NotificationMethods.SubscriptionsAcknowledgedNotification, (n, _) =>
        {
            acknowledged.TrySetResult(n);
            return ValueTask.CompletedTask;
        });
        using var listening = new CancellationTokenSource();
        var listen = client.SendRequestAsync(new JsonRpcRequest
        {
            Method = RequestMethods.SubscriptionsListen,
            Params = new JsonObject { ["notifications"] = new JsonObject { ["toolsListChanged"] = true } },
        }, listening.Token);
        try
        {
            var ack = await acknowledged.Task.WaitAsync(Bounded.Call);
            Assert.True((bool?)ack.Params?["notifications"]?["toolsListChanged"]);

            await fixture.Installation.Cli.RunOkAsync("connector", "disable", fixture.Gmail.ConnectorId);
            using var within = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var notification = await changed.Reader.ReadAsync(within.Token);

            Assert.NotNull(notification.Params?["_meta"]?[ModelContextProtocol.Protocol.MetaKeys.SubscriptionId]);
            Assert.Equal(["get_approval", "list_connectors"], (await client.ListToolsRawAsync()).Select(t => t.Name).Order(StringComparer.Ordinal));
        }
        finally
        {
            await listening.CancelAsync();
            await fixture.Installation.Cli.RunAsync("connector", "enable", fixture.Gmail.ConnectorId);
            await Task.WhenAny(listen, Task.Delay(Bounded.Call));
            _ = listen.Exception; // cancelled by the test: observed, not an error
        }
    }

    private static McpClientOptions Answering(ConcurrentQueue<string> asked, string answer) => ClientOptions.Eliciting((request, _) =>
    {
        asked.Enqueue(request?.Message ?? "");
        return ValueTask.FromResult(new ElicitResult { Action = answer });
    });

    private static JsonObject Send(string subject) => new()
    {
        ["to"] = new JsonArray("ops@acme.example"),
        ["subject"] = subject,
        ["body"] = "Stateless.",
    };
}
