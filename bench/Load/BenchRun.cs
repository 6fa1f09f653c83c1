using System.Net;
using Connectors.Mcp.Sandbox.Google;

namespace Bench.Load;

/// <summary>
/// The whole run, in order: seed the product's homes, audit throughput against the SQLite floor (no server running),
/// stdio cold starts, the bare server over HTTP, the product over HTTP (then isolation), tools/list by database size.
/// Each server is warmed up before every measured window and killed when its part is done.
/// </summary>
public sealed class BenchRun(BenchSettings settings)
{
    private const int AuditWriters = 16;
    private const string EchoArguments = """{"message":"hello"}""";

    private readonly BenchResults _results = new();
    private string? _hungFirstAnswer;
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan, MaxConnectionsPerServer = int.MaxValue })
    {
        Timeout = Timeout.InfiniteTimeSpan,
        DefaultRequestVersion = HttpVersion.Version11,
    };

    public async Task<string> RunAsync()
    {
        await using var google = new FakeGoogleServer(new FakeGoogleServerOptions { AccessTokenLifetime = TimeSpan.FromHours(12) });
        await google.StartAsync(CancellationToken.None);
        await using var hanging = await HangingUpstream.StartAsync();
        var messageId = google.Messages[0].Id;

        Log("seeding the product's databases through its stores");
        var main = ProductHome.Create(Path.Combine(settings.WorkDirectory, "home-main"));
        await main.AddWorkspaceAsync("bench", 1, google, google.BaseUrl);
        await main.AddWorkspaceAsync("hung", 1, google, hanging.BaseUrl);
        var small = await ToolsListHomeAsync("home-10", 10, google);
        var large = await ToolsListHomeAsync("home-many", settings.ManyWorkspaces, google);

        Log("audit rows/s and approval lifecycles/s vs the SQLite floor");
        var auditTime = settings.Measure;
        _results.SqliteFloorRowsPerSecond = await AuditThroughput.SqliteFloorRowsPerSecondAsync(Path.Combine(settings.WorkDirectory, "floor.db"), auditTime);
        _results.AuditRowsPerSecondOneWriter = await AuditThroughput.ProductRowsPerSecondAsync(Path.Combine(settings.WorkDirectory, "home-audit"), 1, auditTime);
        _results.AuditRowsPerSecondConcurrent = await AuditThroughput.ProductRowsPerSecondAsync(Path.Combine(settings.WorkDirectory, "home-audit"), AuditWriters, auditTime);
        _results.AuditConcurrentWriters = AuditWriters;
        _results.ApprovalCyclesPerSecondOneWriter = await ApprovalThroughput.LifecyclesPerSecondAsync(Path.Combine(settings.WorkDirectory, "home-approvals"), 1, auditTime);
        _results.ApprovalCyclesPerSecondConcurrent = await ApprovalThroughput.LifecyclesPerSecondAsync(Path.Combine(settings.WorkDirectory, "home-approvals"), AuditWriters, auditTime);

        Log("stdio cold starts");
        _results.BareColdStartMs = await StdioColdStart.MedianMsAsync(settings.BareDll, ["--stdio"], settings.ColdStartRuns);
        _results.ProductColdStartMs = await StdioColdStart.MedianMsAsync(settings.ProductDll, ["serve", "--stdio", "--workspace", "bench", "--home", main.Directory], settings.ColdStartRuns);

        await BareHttpAsync();
        await ProductHttpAsync(main, messageId);
        await ScaleOutAsync(google, messageId);
        _results.ToolsListSmallDatabase = await ToolsListAsync(small, "tools-list-10");
        _results.ToolsListLargeDatabase = await ToolsListAsync(large, "tools-list-many");

        return ReportWriter.Write(_results, settings);
    }

    private async Task BareHttpAsync()
    {
        var port = ServerProcess.FreePort();
        using var server = await ServerProcess.StartHttpAsync("bare-echo", settings.BareDll, ["--http", $"http://127.0.0.1:{port}"], port, settings);
        var endpoint = new Uri($"http://127.0.0.1:{port}/mcp");
        _results.BareIdleRssMiB = await IdleRssAsync(server);
        var runner = new LoadRunner(_http);
        Func<McpHttpSession, CancellationToken, Task<CallOutcome>> echo = (s, ct) => s.CallToolAsync("echo", EchoArguments, ct);
        foreach (var sessions in settings.SessionCounts)
        {
            Log($"bare echo, {sessions} sessions");
            _results.BareEcho[sessions] = await runner.RunAsync(server, endpoint, null, sessions, echo, settings.WarmUp, settings.Measure);
        }

        (_results.BareCallsForRss, _results.BareRssAfterCallsMiB) = await RssAfterCallsAsync(runner, server, endpoint, null, echo);
    }

    private async Task ProductHttpAsync(ProductHome home, string messageId)
    {
        var port = ServerProcess.FreePort();
        using var server = await ServerProcess.StartHttpAsync("product", settings.ProductDll, ["serve", "--http", "--urls", $"http://127.0.0.1:{port}", "--home", home.Directory], port, settings);
        var endpoint = new Uri($"http://127.0.0.1:{port}/mcp");
        _results.ProductIdleRssMiB = await IdleRssAsync(server);
        var runner = new LoadRunner(_http);
        var key = home.KeyOf("bench");
        Func<McpHttpSession, CancellationToken, Task<CallOutcome>> list = (s, ct) => s.CallToolAsync("list_connectors", "{}", ct);
        Func<McpHttpSession, CancellationToken, Task<CallOutcome>> read = (s, ct) => s.CallToolAsync("gmail_get_message", $$"""{"message_id":"{{messageId}}"}""", ct);
        foreach (var sessions in settings.SessionCounts)
        {
            Log($"product list_connectors, {sessions} sessions");
            _results.ProductListConnectors[sessions] = await runner.RunAsync(server, endpoint, key, sessions, list, settings.WarmUp, settings.Measure);
            Log($"product gmail_get_message, {sessions} sessions");
            _results.ProductGmailGetMessage[sessions] = await runner.RunAsync(server, endpoint, key, sessions, read, settings.WarmUp, settings.Measure);
        }

        (_results.ProductCallsForRss, _results.ProductRssAfterCallsMiB) = await RssAfterCallsAsync(runner, server, endpoint, key, list);
        await IsolationAsync(runner, server, endpoint, home, read);
    }

    /// <summary>
    /// The same two calls on PostgreSQL: one instance alone, then three instances behind nginx round robin (stateless
    /// HTTP, one database, one master key), driven with the same sessions as the SQLite instance above. Server CPU is
    /// the instances' (not PostgreSQL's or nginx's, which share the same cores).
    /// </summary>
    private async Task ScaleOutAsync(FakeGoogleServer google, string messageId)
    {
        if (settings.Postgres is null || settings.Nginx is null)
        {
            _results.ScaleOutSkipped = settings.Postgres is null ? "BENCH_POSTGRES is not set" : "nginx not found (BENCH_NGINX)";
            Log($"scale-out rows skipped: {_results.ScaleOutSkipped}");
            return;
        }

        await using var database = await BenchDatabase.CreateAsync(settings.Postgres);
        var home = ProductHome.Create(Path.Combine(settings.WorkDirectory, "home-postgres"), database.Connection);
        await home.AddWorkspaceAsync("bench", 1, google, google.BaseUrl);
        var key = home.KeyOf("bench");
        Func<McpHttpSession, CancellationToken, Task<CallOutcome>> list = (s, ct) => s.CallToolAsync("list_connectors", "{}", ct);
        Func<McpHttpSession, CancellationToken, Task<CallOutcome>> read = (s, ct) => s.CallToolAsync("gmail_get_message", $$"""{"message_id":"{{messageId}}"}""", ct);
        var runner = new LoadRunner(_http);

        string[] Serve(int port) => ["serve", "--http", "--stateless", "--urls", $"http://127.0.0.1:{port}", "--home", home.Directory, "--database", database.Connection];

        var single = ServerProcess.FreePort();
        using (var server = await ServerProcess.StartHttpAsync("postgres-1", settings.ProductDll, Serve(single), single, settings))
        {
            var endpoint = new Uri($"http://127.0.0.1:{single}/mcp");
            foreach (var sessions in settings.SessionCounts)
            {
                Log($"one instance on PostgreSQL: list_connectors and gmail_get_message, {sessions} sessions");
                _results.PostgresListConnectors[sessions] = await runner.RunAsync(server, endpoint, key, sessions, list, settings.WarmUp, settings.Measure);
                _results.PostgresGmailGetMessage[sessions] = await runner.RunAsync(server, endpoint, key, sessions, read, settings.WarmUp, settings.Measure);
            }
        }

        var ports = Enumerable.Range(0, 3).Select(_ => ServerProcess.FreePort()).ToList();
        var instances = new List<ServerProcess>();
        try
        {
            for (var i = 0; i < ports.Count; i++)
            {
                instances.Add(await ServerProcess.StartHttpAsync($"postgres-3-{i}", settings.ProductDll, Serve(ports[i]), ports[i], settings));
            }

            using var balancer = await BenchBalancer.StartAsync(settings, settings.Nginx, ports);
            var group = new ServerGroup("three instances", instances);
            foreach (var sessions in settings.SessionCounts)
            {
                Log($"three instances behind nginx: list_connectors and gmail_get_message, {sessions} sessions");
                _results.ScaleOutListConnectors[sessions] = await runner.RunAsync(group, balancer.Endpoint, key, sessions, list, settings.WarmUp, settings.Measure);
                _results.ScaleOutGmailGetMessage[sessions] = await runner.RunAsync(group, balancer.Endpoint, key, sessions, read, settings.WarmUp, settings.Measure);
            }
        }
        finally
        {
            foreach (var instance in instances)
            {
                instance.Dispose();
            }
        }
    }

    /// <summary>
    /// Workspace "hung" gets <see cref="BenchSettings.HungCalls"/> calls in flight against an upstream that never answers;
    /// meanwhile workspace "bench" reads at 16 sessions, and its p99 is set against its own baseline just before.
    /// </summary>
    private async Task IsolationAsync(LoadRunner runner, ServerProcess server, Uri endpoint, ProductHome home, Func<McpHttpSession, CancellationToken, Task<CallOutcome>> read)
    {
        var shortWarmUp = TimeSpan.FromSeconds(Math.Min(5, settings.WarmUp.TotalSeconds));
        Log("isolation: baseline");
        _results.IsolationBaseline = await runner.RunAsync(server, endpoint, home.KeyOf("bench"), 16, read, shortWarmUp, settings.Measure);

        Log($"isolation: {settings.HungCalls} calls hanging in workspace 'hung'");
        var hungSessions = await runner.OpenAsync(endpoint, home.KeyOf("hung"), settings.HungCalls);
        using var stop = new CancellationTokenSource();
        var inFlight = 0;
        var answered = 0L;
        var hung = hungSessions.Select(session => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref inFlight);
                try
                {
                    var outcome = await read(session, stop.Token);
                    Interlocked.Increment(ref answered);
                    Interlocked.CompareExchange(ref _hungFirstAnswer, outcome.Ok ? "a result" : outcome.Failure, null);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }

                // A refusal says "retry after 1 s"; an agent that listens waits before asking again.
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        })).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var measured = runner.RunAsync(server, endpoint, home.KeyOf("bench"), 16, read, shortWarmUp, settings.Measure);
        await Task.Delay(shortWarmUp + (settings.Measure / 2));
        _results.HungInFlight = Volatile.Read(ref inFlight);
        _results.IsolationUnderHang = await measured;
        _results.HungAnswered = Interlocked.Read(ref answered);
        _results.HungFirstAnswer = _hungFirstAnswer;
        await stop.CancelAsync();
        await Task.WhenAll(hung);
    }

    private async Task<ProductHome> ToolsListHomeAsync(string name, int workspaces, FakeGoogleServer google)
    {
        var home = ProductHome.Create(Path.Combine(settings.WorkDirectory, name));
        await home.AddWorkspaceAsync("big", 50, google, google.BaseUrl);
        await home.FillWorkspacesAsync(workspaces);
        return home;
    }

    /// <summary>tools/list of workspace "big" (50 connectors), one session, one request at a time.</summary>
    private async Task<LoadResult> ToolsListAsync(ProductHome home, string name)
    {
        Log($"{name}: tools/list, 50 connectors");
        var port = ServerProcess.FreePort();
        using var server = await ServerProcess.StartHttpAsync(name, settings.ProductDll, ["serve", "--http", "--urls", $"http://127.0.0.1:{port}", "--home", home.Directory], port, settings);
        var runner = new LoadRunner(_http);
        var endpoint = new Uri($"http://127.0.0.1:{port}/mcp");
        var probe = (await runner.OpenAsync(endpoint, home.KeyOf("big"), 1))[0];
        _results.ToolsListToolCount = await probe.CountToolsAsync(CancellationToken.None);
        return await runner.RunAsync(server, endpoint, home.KeyOf("big"), 1, (s, ct) => s.ListToolsAsync(ct), settings.WarmUp, settings.Measure);
    }

    private static async Task<double> IdleRssAsync(ServerProcess server)
    {
        await Task.Delay(TimeSpan.FromSeconds(3));
        return server.RssMiB;
    }

    /// <summary>Keeps 16 sessions calling until the server has answered <see cref="BenchSettings.RssCalls"/> calls in all, then reads its RSS.</summary>
    private async Task<(long Calls, double RssMiB)> RssAfterCallsAsync(LoadRunner runner, ServerProcess server, Uri endpoint, string? key, Func<McpHttpSession, CancellationToken, Task<CallOutcome>> call)
    {
        Log($"{server.Name}: calls up to {settings.RssCalls:N0}");
        while (server.Calls < settings.RssCalls)
        {
            await runner.RunAsync(server, endpoint, key, 16, call, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        return (server.Calls, server.RssMiB);
    }

    private static void Log(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
}
