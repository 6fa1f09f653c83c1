using System.Diagnostics;
using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.EndToEnd;
using ModelContextProtocol.Client;

namespace Connectors.Mcp.BrowserTests;

/// <summary>What the tests make the agent (an MCP client without elicitation) do, and read back.</summary>
public static class Agent
{
    /// <summary>Calls a gated tool and returns the approval id of the queued call.</summary>
    public static async Task<string> QueueAsync(this McpClient client, string tool, JsonObject arguments)
    {
        var result = (await client.CallAsync(tool, arguments)).AssertSuccess().Structured();
        Assert.Equal("pending_approval", (string?)result["status"]);
        return (string)result["approval_id"]!;
    }

    /// <summary>get_approval, polled until its status is no longer pending/approved (bounded).</summary>
    public static async Task<JsonObject> SettledApprovalAsync(this McpClient client, string approvalId)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var report = (await client.CallAsync("get_approval", new JsonObject { ["approval_id"] = approvalId })).AssertSuccess().Structured();
            if ((string?)report["status"] is not ("pending" or "approved" or "running") || watch.Elapsed > Bounded.Call)
            {
                return report;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Messages in the fake Gmail's Sent folder whose subject contains <paramref name="subjectWord"/>.</summary>
    public static async Task<JsonArray> SentMessagesAsync(this McpClient client, string subjectWord)
    {
        var search = (await client.CallAsync("gmail_search_inbox", new JsonObject { ["query"] = $"in:sent subject:{subjectWord}" })).AssertSuccess().Structured();
        return search["messages"]!.AsArray();
    }

    public static JsonObject Send(string subject, string body, params string[] to) => new()
    {
        ["to"] = new JsonArray(to.Select(t => (JsonNode)t).ToArray()),
        ["subject"] = subject,
        ["body"] = body,
    };

    /// <summary>A word unique to one test, to find its card and its sent message.</summary>
    public static string UniqueWord(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];
}
