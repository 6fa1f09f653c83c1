using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// Elicitation over Streamable HTTP: the stateful session carries the server's <c>elicitation/create</c> request to the
/// client mid-call; accept sends once, decline sends nothing.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HttpElicitationTests(SingleWorkspaceHttpFixture fixture) : IClassFixture<SingleWorkspaceHttpFixture>
{
    [Theory]
    [InlineData("accept", 1)]
    [InlineData("decline", 0)]
    public async Task GatedSend_AsksTheClient_AndRunsOnlyOnAccept(string answer, int expectedSends)
    {
        var asked = new ConcurrentQueue<string>();
        await using var client = await fixture.Server.ConnectAsync(fixture.ApiKey, options: ClientOptions.Eliciting((request, _) =>
        {
            asked.Enqueue(request?.Message ?? "");
            return ValueTask.FromResult(new ElicitResult { Action = answer });
        }));
        var subject = $"HTTP elicitation {answer} {Guid.NewGuid():N}";

        var result = await client.CallAsync("gmail_send_email", new JsonObject
        {
            ["to"] = new JsonArray("ops@acme.example"),
            ["subject"] = subject,
            ["body"] = "Deploy window is 18:00.",
        });

        var message = Assert.Single(asked);
        Assert.Contains("ops@acme.example", message);
        Assert.Contains(subject, message);
        Assert.Contains("Deploy window is 18:00.", message);
        Assert.Equal(expectedSends, fixture.Installation.Google.SentMessages.Count(m => m.Message.Subject == subject));
        if (answer == "accept")
        {
            result.AssertSuccess();
            Assert.NotNull(result.Structured()["id"]);
        }
        else
        {
            Assert.Contains("declined", result.AssertError());
        }
    }
}
