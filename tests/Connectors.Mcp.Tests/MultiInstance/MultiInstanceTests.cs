using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.Commands;
using Connectors.Mcp.Tests.EndToEnd;
using ModelContextProtocol.Protocol;
using Xunit.Abstractions;

namespace Connectors.Mcp.Tests.MultiInstance;

/// <summary>
/// Issue 15 §4: three <c>serve --http</c> instances on one database behind a round-robin nginx, one set of sandbox
/// fakes, real SDK clients (C# and TypeScript). What is asserted is what a team running N instances relies on: requests
/// spread over the instances, an approval decided on another instance than the one that queued it runs once, a burst on
/// an expired token costs the provider one token request, the workspace limit holds in total, the audit chain verifies,
/// and killing an instance mid-load loses nothing. Numbers go to the test output.
/// </summary>
public abstract partial class MultiInstanceTests(MultiInstanceBackend backend, MultiInstanceFixture fixture, ITestOutputHelper output)
{
    private const string ReadTool = "gmail_list_labels";

    [SkippableFact]
    public async Task ToolsListAndCalls_ThroughTheBalancer_LandOnDifferentInstances()
    {
        var cluster = await fixture.RequireAsync(backend);
        var tag = $"list-{Guid.NewGuid():N}";
        var clients = await ConnectAsync(cluster, tag, 9);
        try
        {
            var toolSets = new List<string>();
            foreach (var client in clients)
            {
                var names = (await client.Client.ListToolsRawAsync()).Select(t => t.Name).Order(StringComparer.Ordinal).ToList();
                Assert.Contains(ReadTool, names);
                Assert.Contains("gmail_send_email", names);
                Assert.Contains("zoom_list_meetings", names);
                toolSets.Add(string.Join(',', names));
                for (var i = 0; i < 3; i++)
                {
                    (await client.Client.CallAsync(ReadTool)).AssertSuccess();
                }
            }

            // Every instance publishes the same catalog for the workspace.
            Assert.Single(toolSets.Distinct());
            output.WriteLine($"protocol negotiated by the C# client: {clients[0].Client.NegotiatedProtocolVersion}; serve --stateless: {cluster.Stateless}; " +
                $"sessions for the C# client: {cluster.CSharpClientsKeepSessions}, for initialize clients: {cluster.InitializeClientsKeepSessions}");
        }
        finally
        {
            await DisposeAllAsync(clients);
        }

        var calls = await cluster.RequestsPerInstanceAsync(e => Tag(e) == tag && IsToolCall(e));
        output.WriteLine($"{calls.Sum()} tools/call through the balancer, per instance: {string.Join(" / ", calls)}");
        Assert.Equal(27, calls.Sum());
        if (!cluster.CSharpClientsKeepSessions)
        {
            Assert.All(calls, c => Assert.True(c > 0, $"round robin left an instance without calls: {string.Join(" / ", calls)}"));
        }
        else
        {
            Assert.True(calls.Count(c => c > 0) >= 2, $"all sessions landed on one instance: {string.Join(" / ", calls)}");
            await AssertSessionsStayOnOneInstanceAsync(cluster, tag);
        }
    }

    [SkippableFact]
    public async Task Approval_QueuedThroughOneInstance_ApprovedThroughTheOthers_RunsOnce()
    {
        var cluster = await fixture.RequireAsync(backend);
        var tag = $"approval-{Guid.NewGuid():N}";
        var subject = $"Multi-instance approval {Guid.NewGuid():N}";
        await using var client = await cluster.ConnectAsync(tag);

        var queued = (await client.Client.CallAsync("gmail_send_email", SendArguments(subject))).AssertSuccess().Structured();
        Assert.Equal("pending_approval", (string)queued["status"]!);
        var approvalId = (string)queued["approval_id"]!;
        var queuedOn = await InstanceThatServedAsync(cluster, tag, subject);
        var others = Enumerable.Range(0, MultiInstanceCluster.InstanceCount).Where(i => i != queuedOn).ToList();

        // Both other instances approve it at the same moment: one claims the run; the other is told it is decided (409),
        // or — when it already reads it approved — tries the claim too and reports the run's state (200). It runs once.
        var answers = await AdminApprove.RaceAsync(cluster, approvalId, others);

        output.WriteLine($"queued on instance {queuedOn}; approve on instances {string.Join(", ", others)} -> {string.Join(", ", answers.Select(a => (int)a.Status))}");
        AssertRanOnce(answers);
        Assert.Equal(1, await cluster.Fakes.SentWithSubjectAsync(subject));
        var report = (await client.Client.CallAsync("get_approval", new JsonObject { ["approval_id"] = approvalId })).AssertSuccess().Structured();
        Assert.Equal("succeeded", (string)report["status"]!);
        await AssertAuditIntactAsync(cluster);
    }

    [SkippableFact]
    public async Task ExpiredToken_HundredConcurrentCallsAcrossTheInstances_OneTokenRequest()
    {
        var cluster = await fixture.RequireAsync(backend);
        var tag = $"expired-{Guid.NewGuid():N}";
        var clients = await ConnectAsync(cluster, tag, 10);
        try
        {
            foreach (var client in clients)
            {
                (await client.Client.CallAsync(ReadTool)).AssertSuccess();
            }

            var before = await cluster.Fakes.GoogleTokenRequestsAsync();
            await cluster.Fakes.ExpireAccessTokensAsync();
            var watch = Stopwatch.StartNew();
            var refused = 0;
            // Each instance's per-connector bulkhead sends some of the burst back ("busy … the request was not sent,
            // retry after N s"): the client retries those, as the refusal says, until every call is answered.
            var results = await Task.WhenAll(clients.SelectMany(c => Enumerable.Range(0, 10).Select(async _ =>
            {
                var (result, retries) = await CallRetryingRefusalsAsync(c, ReadTool);
                Interlocked.Add(ref refused, retries);
                return result;
            })));
            watch.Stop();
            var tokenRequests = await cluster.Fakes.GoogleTokenRequestsAsync() - before;

            var calls = await cluster.RequestsPerInstanceAsync(e => Tag(e) == tag && IsToolCall(e));
            output.WriteLine($"100 concurrent calls on an expired token, all answered in {watch.ElapsedMilliseconds} ms ({refused} bulkhead refusals retried); " +
                $"token requests at the fake: {tokenRequests}; tools/call per instance (with the 10 warm-up calls and the retries): {string.Join(" / ", calls)}");
            Assert.All(results, r => r.AssertSuccess());
            Assert.Equal(1, tokenRequests);
            Assert.True(calls.Count(c => c > 0) >= 2, $"the burst reached one instance only: {string.Join(" / ", calls)}");
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    [SkippableFact]
    public async Task WorkspaceRateLimit_HoldsInTotalAcrossTheInstances()
    {
        Skip.If(backend == MultiInstanceBackend.Sqlite,
            "On one SQLite file each instance keeps its own buckets; the total across instances is the PostgreSQL contract.");
        var cluster = await fixture.RequireAsync(backend);
        const int Limit = 30;
        var tag = $"limit-{Guid.NewGuid():N}";
        var clients = await ConnectAsync(cluster, tag, 9);
        await cluster.CliAsync("workspace", "set-limits", MultiInstanceCluster.Workspace, "--calls-per-minute", $"{Limit}");
        try
        {
            var watch = Stopwatch.StartNew();
            var results = await Task.WhenAll(clients.SelectMany(c => Enumerable.Range(0, 10).Select(_ => c.Client.CallAsync(ReadTool))));
            watch.Stop();

            // Three answers are possible: a result; the workspace's own refusal (its bucket is empty); or a refusal by an
            // instance's per-connector bulkhead ("busy … not sent"), which comes after the workspace token was taken.
            // The contract bounds what the workspace bucket admitted: results plus bulkhead refusals.
            var succeeded = results.Count(r => r.IsError is null or false);
            var limited = results.Count(r => r.IsError == true && r.Text().Contains($"Rate limited: workspace '{MultiInstanceCluster.Workspace}'", StringComparison.Ordinal));
            var busy = results.Count(r => r.IsError == true && r.Text().Contains("Rate limited: Gmail for this connector is busy", StringComparison.Ordinal));
            var admitted = succeeded + busy;
            // Contract: N calls per minute in total, tolerance 0 — a token bucket of N that refills N per minute, so
            // during the burst it may have earned N × elapsed/60 s more.
            var refill = (int)Math.Floor(Limit * watch.Elapsed.TotalMinutes);
            var calls = await cluster.RequestsPerInstanceAsync(e => Tag(e) == tag && IsToolCall(e));
            output.WriteLine($"limit {Limit}/min: {results.Length} calls in {watch.ElapsedMilliseconds} ms -> {succeeded} succeeded, {busy} refused by a bulkhead, " +
                $"{limited} refused by the workspace limit (admitted at most {Limit} + {refill} refilled); calls per instance: {string.Join(" / ", calls)}");
            var other = results.Where(r => r.IsError == true).Select(r => r.Text())
                .Where(t => !t.Contains("Rate limited: workspace", StringComparison.Ordinal) && !t.Contains("is busy", StringComparison.Ordinal)).Distinct().ToList();
            Assert.True(results.Length == admitted + limited, $"answers that are neither a result nor a rate limit: {string.Join(" | ", other)}");
            Assert.InRange(admitted, 1, Limit + refill);
            Assert.True(limited >= results.Length - Limit - refill, $"the workspace limit refused only {limited} of {results.Length}");
            Assert.True(calls.Count(c => c > 0) >= 2, $"the burst reached one instance only: {string.Join(" / ", calls)}");
        }
        finally
        {
            await cluster.CliAsync("workspace", "set-limits", MultiInstanceCluster.Workspace, "--calls-per-minute", "1000000");
            await DisposeAllAsync(clients);
        }
    }

    [SkippableFact]
    public async Task KillNineOfOneInstanceMidLoad_TheOthersCarryOn_NothingLost()
    {
        var cluster = await fixture.RequireAsync(backend);
        var run = Guid.NewGuid().ToString("N")[..12];
        const int Victim = 1;
        const int ClientCount = 9;
        const int CallsPerClient = 15;

        // Approvals queued before the kill are decided after it, on the survivors, racing: each runs once.
        await using var requester = await cluster.ConnectAsync($"kill-approvals-{run}");
        var subjects = Enumerable.Range(0, 3).Select(i => $"Kill test {run} #{i}").ToList();
        var approvalIds = new List<string>();
        foreach (var subject in subjects)
        {
            approvalIds.Add((string)(await requester.Client.CallAsync("gmail_send_email", SendArguments(subject))).AssertSuccess().Structured()["approval_id"]!);
        }

        var clients = await ConnectAsync(cluster, $"kill-{run}", ClientCount);
        var completed = 0;
        var killedAt = 0L;
        var recoveries = new ConcurrentBag<double>();
        var clock = Stopwatch.StartNew();
        try
        {
            var kill = Task.Run(async () =>
            {
                await Eventually.Until(() => Volatile.Read(ref completed) >= ClientCount * CallsPerClient / 3, "a third of the load is done");
                Volatile.Write(ref killedAt, clock.ElapsedMilliseconds);
                await cluster.KillAsync(Victim);
            });
            var loads = clients.Select((client, c) => Task.Run(async () =>
            {
                for (var n = 0; n < CallsPerClient; n++)
                {
                    var failuresBefore = client.Failures;
                    var result = await client.CallWithRetryAsync("gmail_search_inbox", new JsonObject { ["query"] = Marker(run, c, n), ["max_results"] = 1 });
                    result.AssertSuccess();
                    Interlocked.Increment(ref completed);
                    if (client.Failures > failuresBefore)
                    {
                        recoveries.Add(clock.ElapsedMilliseconds - Volatile.Read(ref killedAt));
                    }

                    await Task.Delay(20);
                }
            })).ToList();
            await Task.WhenAll(loads);
            await kill;

            var failures = clients.Sum(c => c.Failures);
            var calls = await cluster.RequestsPerInstanceAsync(e => Tag(e) == $"kill-{run}" && IsToolCall(e));
            output.WriteLine($"kill -9 of instance {Victim} after {killedAt} ms: {completed}/{ClientCount * CallsPerClient} calls answered, " +
                $"{failures} transport failures retried by the clients, slowest recovery {(recoveries.IsEmpty ? 0 : recoveries.Max()):F0} ms after the kill; " +
                $"tools/call per instance (answered by nginx's upstream): {string.Join(" / ", calls)}");
            Assert.Equal(ClientCount * CallsPerClient, completed);

            var survivors = Enumerable.Range(0, MultiInstanceCluster.InstanceCount).Where(i => i != Victim).ToList();
            foreach (var (approvalId, subject) in approvalIds.Zip(subjects))
            {
                var answers = await AdminApprove.RaceAsync(cluster, approvalId, survivors);
                output.WriteLine($"approval {approvalId} raced on instances {string.Join(", ", survivors)} -> {string.Join(", ", answers.Select(a => (int)a.Status))}");
                AssertRanOnce(answers);
                Assert.Equal(1, await cluster.Fakes.SentWithSubjectAsync(subject));
            }

            // A service manager starts it again; its start settles what the killed process left half-done.
            await cluster.RestartAsync(Victim);
            await AssertAuditIntactAsync(cluster);
            var rows = CliHarness.JsonLines(await cluster.CliAsync("audit", "list", MultiInstanceCluster.Workspace, "--json", "--limit", "10000"))
                .Where(r => (string?)r["tool"] == "gmail_search_inbox" && ((string?)r["arguments"]?["query"] ?? "").StartsWith($"k{run}", StringComparison.Ordinal))
                .ToList();
            var byMarker = rows.GroupBy(r => (string)r["arguments"]!["query"]!).ToDictionary(g => g.Key, g => g.Select(r => (string)r["status"]!).ToList());
            output.WriteLine($"audit rows of the load: {rows.Count} ({string.Join(", ", rows.GroupBy(r => (string)r["status"]!).Select(g => $"{g.Key} {g.Count()}"))})");
            for (var c = 0; c < ClientCount; c++)
            {
                for (var n = 0; n < CallsPerClient; n++)
                {
                    Assert.True(byMarker.TryGetValue(Marker(run, c, n), out var statuses) && statuses.Contains("succeeded"),
                        $"call {Marker(run, c, n)} has no succeeded audit row");
                }
            }

            Assert.InRange(rows.Count, ClientCount * CallsPerClient, (ClientCount * CallsPerClient) + failures);
        }
        finally
        {
            await DisposeAllAsync(clients);
        }
    }

    [SkippableFact]
    public async Task TypeScriptSdkClient_ThroughTheBalancer_ReachesEveryInstance()
    {
        var cluster = await fixture.RequireAsync(backend);
        var check = TypeScriptCheck.Require();
        var (exitCode, text) = await check.RunAsync(cluster.Balancer.McpUrl, cluster.ApiKey, clients: 9, calls: 3, affinity: cluster.InitializeClientsKeepSessions);

        output.WriteLine(text);
        Assert.True(exitCode == 0, text);
        Assert.Contains("ts-multi: 45 passed, 0 failed", text, StringComparison.Ordinal);
        var calls = await cluster.RequestsPerInstanceAsync(e => Tag(e).StartsWith("ts-", StringComparison.Ordinal) && IsToolCall(e));
        output.WriteLine($"TypeScript SDK tools/call per instance: {string.Join(" / ", calls)}");
        Assert.Equal(27, calls.Sum());
        Assert.True(calls.Count(c => c > 0) >= 2, $"the TypeScript clients reached one instance only: {string.Join(" / ", calls)}");
    }

    /// <summary>A call repeated after a "Rate limited … nothing was done" refusal (waiting as it says), up to 10 times; the result and the retries.</summary>
    private static async Task<(CallToolResult Result, int Retries)> CallRetryingRefusalsAsync(BalancedClient client, string tool)
    {
        for (var retries = 0; ; retries++)
        {
            var result = await client.Client.CallAsync(tool);
            var text = result.IsError == true ? result.Text() : "";
            var wait = RetryAfter().Match(text);
            if (retries == 10 || !text.Contains("Rate limited", StringComparison.Ordinal) || !wait.Success)
            {
                return (result, retries);
            }

            await Task.Delay(TimeSpan.FromSeconds(int.Parse(wait.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"Retry after (\d+) s; nothing was done")]
    private static partial System.Text.RegularExpressions.Regex RetryAfter();

    /// <summary>Each answer is 200 or 409; at least one 200 says the approval succeeded (the fake's count says it ran once).</summary>
    private static void AssertRanOnce((HttpStatusCode Status, string Body)[] answers)
    {
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{(int)a.Status}: {a.Body}"));
        var succeeded = answers.Where(a => a.Status == HttpStatusCode.OK)
            .Select(a => JsonNode.Parse(a.Body)!["approval"]!["status"]!.GetValue<string>())
            .ToList();
        Assert.NotEmpty(succeeded);
        Assert.Contains("succeeded", succeeded);
    }

    private static string Marker(string run, int client, int call) => $"k{run}c{client}n{call}";

    private static JsonObject SendArguments(string subject) => new()
    {
        ["to"] = new JsonArray("cfo@acme.example"),
        ["subject"] = subject,
        ["body"] = "The numbers, as discussed.",
    };

    private static string Tag(JsonObject entry) => (string?)entry["client"] ?? "";

    private static bool IsToolCall(JsonObject entry) =>
        ((string?)entry["body"] ?? "").Contains("\"method\":\"tools/call\"", StringComparison.Ordinal) && (string?)entry["status"] == "200";

    private static async Task<List<BalancedClient>> ConnectAsync(MultiInstanceCluster cluster, string tag, int count) =>
        [.. await Task.WhenAll(Enumerable.Range(0, count).Select(_ => cluster.ConnectAsync(tag)))];

    private static async Task DisposeAllAsync(IEnumerable<BalancedClient> clients)
    {
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    private static async Task<int> InstanceThatServedAsync(MultiInstanceCluster cluster, string tag, string marker)
    {
        // nginx writes a request's log line once the upstream's answer is complete, which may be just after the client
        // has read it: look again for a while before concluding the line is missing.
        var entries = new List<JsonObject>();
        for (var attempt = 0; attempt < 50 && entries.Count == 0; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(100);
            }

            entries = (await cluster.Balancer.AccessLogAsync())
                .Where(e => Tag(e) == tag && IsToolCall(e) && ((string?)e["body"] ?? "").Contains(marker, StringComparison.Ordinal))
                .ToList();
        }

        Assert.True(entries.Count == 1, $"expected one tools/call with '{marker}' from client {tag} in nginx's log, found {entries.Count}; that client's entries: " +
            string.Join(" | ", (await cluster.Balancer.AccessLogAsync()).Where(e => Tag(e) == tag).Select(e => e.ToJsonString())));
        var instance = cluster.InstanceOf((string)entries[0]["upstream"]!);
        Assert.InRange(instance, 0, MultiInstanceCluster.InstanceCount - 1);
        return instance;
    }

    private static async Task AssertSessionsStayOnOneInstanceAsync(MultiInstanceCluster cluster, string tag)
    {
        var bySession = (await cluster.Balancer.AccessLogAsync())
            .Where(e => Tag(e) == tag && !string.IsNullOrEmpty((string?)e["session"]))
            .GroupBy(e => (string)e["session"]!);
        foreach (var session in bySession)
        {
            Assert.Single(session.Select(e => cluster.InstanceOf((string)e["upstream"]!)).Distinct());
        }
    }

    private static async Task AssertAuditIntactAsync(MultiInstanceCluster cluster)
    {
        var verify = await cluster.CliAsync("audit", "verify", MultiInstanceCluster.Workspace);
        Assert.Contains("is intact", verify.Stdout, StringComparison.Ordinal);
    }
}
