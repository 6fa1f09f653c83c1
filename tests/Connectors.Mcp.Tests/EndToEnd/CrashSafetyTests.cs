using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using ModelContextProtocol.Client;
using Xunit.Abstractions;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// kill -9 during a burst of concurrent audited calls, many rounds over, against the real executable (serve --http)
/// and the fake Google in this process. After every restart: every result a client received has its completed audit
/// row; every email sent and draft created at the fake has an intent row; no email was sent twice; no started row is
/// left (a dead process's rows are marked interrupted, never re-run); PRAGMA integrity_check is ok; audit verify is intact.
/// Rounds: <c>CONNECTORS_MCP_CRASH_ROUNDS</c> (default 8); seed: <c>CONNECTORS_MCP_CRASH_SEED</c> (printed).
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CrashSafetyTests(ITestOutputHelper output)
{
    private const string Workspace = "crash";
    private const int Workers = 6;

    [Fact]
    public async Task KillNineDuringBursts_NoLostAuditRows_NoDuplicateSends_NothingLeftStarted()
    {
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("CONNECTORS_MCP_CRASH_ROUNDS"), out var r) && r > 0 ? r : 8;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CONNECTORS_MCP_CRASH_SEED"), out var s) ? s : Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}, {rounds} rounds");

        await using var installation = await Installation.CreateAsync();
        await installation.CreateWorkspaceAsync(Workspace, "enterprise");
        var gmail = await installation.AddGmailAsync(Workspace);
        await installation.Cli.RunOkAsync("policy", "set", Workspace, gmail.Tool("send_email"), "auto");
        await installation.Cli.RunOkAsync("policy", "set", Workspace, gmail.Tool("create_draft"), "auto");
        var apiKey = await installation.CreateApiKeyAsync(Workspace);

        var received = new List<ReceivedResult>();
        int fired = 0, reconciled = 0;
        for (var round = 1; round <= rounds; round++)
        {
            await using var server = await HttpServerProcess.StartAsync(installation.Home);
            reconciled += CountReconciledIn(server.Log.Text);
            await AssertInvariantsAsync(installation, received, round);

            var clients = new List<McpClient>();
            for (var i = 0; i < 2; i++)
            {
                clients.Add(await server.ConnectAsync(apiKey));
            }

            var roundReceived = new ConcurrentBag<ReceivedResult>();
            var stop = new CancellationTokenSource();
            var counter = 0;
            var workers = Enumerable.Range(0, Workers).Select(w => Task.Run(async () =>
            {
                var client = clients[w % clients.Count];
                while (!stop.IsCancellationRequested)
                {
                    var n = Interlocked.Increment(ref counter);
                    var marker = $"crash-r{round}-w{w}-n{n}-{Guid.NewGuid():N}";
                    var (tool, arguments) = (n % 3) switch
                    {
                        0 => (gmail.Tool("search_inbox"), new JsonObject { ["query"] = marker }),
                        1 => (gmail.Tool("send_email"), Email(marker)),
                        _ => (gmail.Tool("create_draft"), Email(marker)),
                    };
                    Interlocked.Increment(ref fired);
                    try
                    {
                        using var timeout = new CancellationTokenSource(Bounded.Call);
                        var result = await client.CallToolAsync(tool, JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments.ToJsonString())!, cancellationToken: timeout.Token);
                        roundReceived.Add(new ReceivedResult(tool, marker, result.IsError == true));
                    }
                    catch (Exception)
                    {
                        // The server died under this call: the client got nothing, so nothing is asserted about it
                        // except what the fake saw.
                        return;
                    }
                }
            })).ToList();

            // Kill mid-burst: once the burst is under way (a first call answered — on a loaded machine that takes longer
            // than any fixed delay), after a random 150–900 ms more.
            await Eventually.Until(() => !roundReceived.IsEmpty, "a first call of the burst was answered");
            await Task.Delay(random.Next(150, 900));
            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(workers).WaitAsync(Bounded.Call);
            foreach (var client in clients)
            {
                try
                {
                    await client.DisposeAsync();
                }
                catch (Exception)
                {
                    // The transport of a killed server may fail to close cleanly.
                }
            }

            received.AddRange(roundReceived);
        }

        // A last restart reconciles the final round's interrupted rows; then every invariant once more.
        await using (var last = await HttpServerProcess.StartAsync(installation.Home))
        {
            reconciled += CountReconciledIn(last.Log.Text);
            await AssertInvariantsAsync(installation, received, rounds + 1);
        }

        var sends = installation.Google.SentMessages.Count;
        var drafts = installation.Google.Drafts.Count;
        output.WriteLine(
            $"{rounds} kill -9 rounds, {fired} calls fired, {received.Count} results received ({received.Count(x => !x.IsError)} successes), "
            + $"{sends} emails sent and {drafts} drafts created at the fake, {reconciled} interrupted rows reconciled; "
            + "0 lost audit rows, 0 duplicate sends, 0 unreconciled rows, integrity_check ok, chain intact");
        Assert.True(received.Count(x => !x.IsError) > rounds, "The bursts should complete calls before the kill.");
    }

    private static JsonObject Email(string marker) => new()
    {
        ["to"] = new JsonArray("crash@acme.example"),
        ["subject"] = marker,
        ["body"] = "kill -9 round",
    };

    private static int CountReconciledIn(string log)
    {
        var match = System.Text.RegularExpressions.Regex.Match(log, @"Marked (\d+) call\(s\) interrupted");
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    private async Task AssertInvariantsAsync(Installation installation, IReadOnlyList<ReceivedResult> received, int round)
    {
        var rows = ReadAuditRows(installation.DatabasePath);

        // No started row survives a restart: the dead server's rows were reconciled before the new one listened.
        Assert.DoesNotContain(rows, row => row.Status == "started");

        // Every result a client received has its completed row.
        foreach (var result in received)
        {
            var key = result.Tool.EndsWith("search_inbox", StringComparison.Ordinal) ? result.Marker : Sha256(result.Marker);
            var row = Assert.Single(rows, row => row.Tool == result.Tool && row.Key == key);
            Assert.True(row.Status is "succeeded" or "failed", $"round {round}: {result.Tool} {result.Marker} received a result but its row is {row.Status}");
            Assert.Equal(result.IsError ? "failed" : "succeeded", row.Status);
        }

        // Every side effect at the fake has an intent row, and none happened twice.
        var sentSubjects = installation.Google.SentMessages.Select(m => m.Message.Subject ?? "").ToList();
        Assert.Equal(sentSubjects.Count, sentSubjects.Distinct(StringComparer.Ordinal).Count());
        foreach (var subject in sentSubjects.Where(x => x.StartsWith("crash-", StringComparison.Ordinal)))
        {
            Assert.Single(rows, row => row.Tool.EndsWith("send_email", StringComparison.Ordinal) && row.Key == Sha256(subject));
        }

        foreach (var subject in installation.Google.Drafts.Select(d => d.Message.Subject ?? "").Where(x => x.StartsWith("crash-", StringComparison.Ordinal)))
        {
            Assert.Single(rows, row => row.Tool.EndsWith("create_draft", StringComparison.Ordinal) && row.Key == Sha256(subject));
        }

        await using (var connection = new SqliteConnection($"Data Source={installation.DatabasePath};Pooling=False;Mode=ReadOnly"))
        {
            await connection.OpenAsync();
            await using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            Assert.Equal("ok", (string?)await check.ExecuteScalarAsync());
        }

        var verify = await installation.Cli.RunAsync("audit", "verify", Workspace);
        Assert.True(verify.ExitCode == 0, $"round {round}: {verify}");
        Assert.Contains("intact", verify.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Each row's tool, status and what identifies its call: the search query, or the SHA-256 of the redacted subject.</summary>
    private static List<AuditRow> ReadAuditRows(string databasePath)
    {
        var rows = new List<AuditRow>();
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tool, status, arguments_json FROM connector_actions;";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var arguments = JsonNode.Parse(reader.GetString(2)) as JsonObject;
            var key = arguments?["query"]?.GetValue<string>() ?? arguments?["subject"]?["sha256"]?.GetValue<string>();
            rows.Add(new AuditRow(reader.GetString(0), reader.GetString(1), key));
        }

        return rows;
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private sealed record ReceivedResult(string Tool, string Marker, bool IsError);

    private sealed record AuditRow(string Tool, string Status, string? Key);
}
