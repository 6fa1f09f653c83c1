using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// <c>serve --stdio</c> driven by hand, byte for byte: every line on stdout is a JSON-RPC message (logs go to stderr,
/// even while the server logs warnings), stdin stays open until the responses arrive, and closing it ends the server.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class StdioChannelTests
{
    [Fact]
    public async Task StdoutCarriesOnlyJsonRpc_WhileLogsGoToStderr()
    {
        await using var installation = await Installation.CreateAsync();
        await installation.CreateWorkspaceAsync("acme");
        await installation.AddGmailAsync("acme", "gmail");
        var revoked = await installation.AddGmailAsync("acme", "old_mail");
        installation.Google.RevokeGrant(revoked.Grant.RefreshToken);

        var start = new ProcessStartInfo(ServerExecutable.DotnetHost)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { ServerExecutable.DllPath, "serve", "--stdio", "--workspace", "acme", "--home", installation.Home })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stderr = new ServerLog();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                stderr.Add(e.Data);
            }
        };
        process.BeginErrorReadLine();
        var stdoutLines = new List<string>();
        try
        {
            var stdin = process.StandardInput;
            stdin.AutoFlush = true;
            await stdin.WriteLineAsync(RawMcpHttp.InitializeBody(1));
            Assert.Equal(1, (int)(await ReadNextResponseAsync(process.StandardOutput, stdoutLines))["id"]!);
            await stdin.WriteLineAsync(RawMcpHttp.InitializedBody);
            await stdin.WriteLineAsync(RawMcpHttp.ToolsListBody(2));
            await stdin.WriteLineAsync("""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"gmail_search_inbox","arguments":{"max_results":2}}}""");
            await stdin.WriteLineAsync("""{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"old_mail_search_inbox","arguments":{}}}""");

            // Calls are served concurrently: responses may come in any order.
            var responses = new Dictionary<int, JsonObject>();
            try
            {
                while (responses.Count < 3)
                {
                    var response = await ReadNextResponseAsync(process.StandardOutput, stdoutLines);
                    responses[(int)response["id"]!] = response;
                }
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"Responses to requests 2, 3 and 4 did not all arrive within {Bounded.Call}.\nstdout:\n{string.Join('\n', stdoutLines)}\nstderr:\n{stderr.Text}");
            }

            // Responses arrived with stdin still open; closing it ends the server.
            stdin.Close();
            await process.WaitForExitAsync().WaitAsync(Bounded.Shutdown);
            stdoutLines.AddRange((await process.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries));

            Assert.Equal(0, process.ExitCode);
            Assert.Contains("gmail_search_inbox", responses[2]["result"]!.ToJsonString());
            Assert.Equal(2, responses[3]["result"]!["structuredContent"]!["messages"]!.AsArray().Count);
            Assert.True((bool)responses[4]["result"]!["isError"]!);
            Assert.All(stdoutLines, line =>
            {
                var message = JsonNode.Parse(line) as JsonObject;
                Assert.True(message is not null && (string?)message["jsonrpc"] == "2.0", $"stdout line is not JSON-RPC: {line}");
            });

            // The revoked grant made the server log warnings: they went to stderr, naming the connector.
            await stderr.WaitForLineAsync(l => l.Contains(revoked.ConnectorId, StringComparison.Ordinal)).WaitAsync(Bounded.Shutdown);
            Assert.DoesNotContain(stdoutLines, l => l.Contains("warn", StringComparison.OrdinalIgnoreCase) && !l.TrimStart().StartsWith('{'));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync().WaitAsync(Bounded.Shutdown);
            }
        }
    }

    /// <summary>Reads stdout lines (collecting all of them, failing on any that is not JSON) until the next response, bounded.</summary>
    private static async Task<JsonObject> ReadNextResponseAsync(StreamReader stdout, List<string> lines)
    {
        using var timeout = new CancellationTokenSource(Bounded.Call);
        while (true)
        {
            var line = await stdout.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException("stdout closed before the next response.");
            lines.Add(line);
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(line);
            }
            catch (JsonException)
            {
                throw new Xunit.Sdk.XunitException($"stdout carried a line that is not JSON: {line}");
            }

            if (node is JsonObject message && message["id"] is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
            {
                return message;
            }
        }
    }
}
