using System.Text.Json.Nodes;
using Connectors.Mcp.Commands;
using Connectors.Mcp.Tests.Commands;
using Connectors.Mcp.Tests.EndToEnd;
using Connectors.Mcp.Tests.Support;
using Connectors.Mcp.TestSupport.Postgres;
using ModelContextProtocol.Client;

namespace Connectors.Mcp.Tests.MultiInstance;

/// <summary>
/// Three <c>connectors-mcp serve --http</c> processes on ONE database, behind nginx (round robin), sharing ONE
/// <c>sandbox fakes</c> process: workspace <c>demo</c> with the sandbox connectors, an API key and an admin token made
/// with the real CLI on the same database. The backend is a parameter (<see cref="MultiInstanceBackend"/>); every
/// process gets the same <c>--home</c> (the master key) and, for PostgreSQL, the same <c>--database</c>.
/// </summary>
public sealed class MultiInstanceCluster : IAsyncDisposable
{
    public const int InstanceCount = 3;
    public const string Workspace = "demo";
    public const string AdminTokenName = "ops";

    private readonly TestHome _home = new();
    private readonly HttpServerProcess?[] _servers = new HttpServerProcess?[InstanceCount];
    private PostgresTestSchema? _schema;
    private string[] _databaseArguments = [];
    private string[] _serveArguments = [];

    private MultiInstanceCluster(MultiInstanceBackend backend) => Backend = backend;

    public MultiInstanceBackend Backend { get; }

    /// <summary>Whether the instances run <c>serve --http --stateless</c> (plain round robin, request by request).</summary>
    public bool Stateless { get; private set; }

    /// <summary>
    /// Whether the instances keep a session for the C# SDK client (default options): then each client pins itself to
    /// one instance (<c>X-Mcp-Affinity</c>, see the nginx template); without sessions every request is round robin.
    /// </summary>
    public bool CSharpClientsKeepSessions { get; private set; }

    /// <summary>The same for a client of the initialize handshake (the TypeScript SDK's 2025-11-25).</summary>
    public bool InitializeClientsKeepSessions { get; private set; }

    public SandboxFakesProcess Fakes { get; private set; } = null!;

    public NginxBalancer Balancer { get; private set; } = null!;

    public string ApiKey { get; private set; } = "";

    public string AdminToken { get; private set; } = "";

    /// <summary>The instances' own URLs (not through the balancer), by index.</summary>
    public IReadOnlyList<Uri> InstanceUrls { get; private set; } = [];

    public HttpServerProcess Instance(int index) => _servers[index] ?? throw new InvalidOperationException($"Instance {index} is not running.");

    public static async Task<MultiInstanceCluster> StartAsync(MultiInstanceBackend backend, string nginx)
    {
        var cluster = new MultiInstanceCluster(backend);
        try
        {
            await cluster.StartCoreAsync(nginx);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>The real CLI (in this process) on the cluster's database, asserting exit code 0.</summary>
    public async Task<CliResult> CliAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var exitCode = await CliApp.RunAsync([.. args, "--home", _home.Path, .. _databaseArguments], stdout, stderr, timeout.Token);
        var result = new CliResult(exitCode, stdout.ToString(), stderr.ToString());
        Assert.True(exitCode == 0, $"connectors-mcp {string.Join(' ', args)}\n{result}");
        return result;
    }

    /// <summary>A client through the balancer (see <see cref="BalancedClient"/>), tagged for the access log.</summary>
    public Task<BalancedClient> ConnectAsync(string tag) => BalancedClient.ConnectAsync(this, tag);

    /// <summary>The instance an upstream address of the access log names (<c>127.0.0.1:PORT</c>), or -1.</summary>
    public int InstanceOf(string upstream)
    {
        // After a failed attempt nginx logs "dead:port, live:port": the last one answered.
        var last = upstream.Split(',', StringSplitOptions.TrimEntries).Last();
        for (var i = 0; i < InstanceUrls.Count; i++)
        {
            if (last == $"127.0.0.1:{InstanceUrls[i].Port}")
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Requests per instance in the access log whose body contains <paramref name="marker"/> (e.g. a JSON-RPC method).</summary>
    public async Task<int[]> RequestsPerInstanceAsync(Func<JsonObject, bool> match)
    {
        var counts = new int[InstanceCount];
        foreach (var entry in await Balancer.AccessLogAsync())
        {
            var instance = InstanceOf((string?)entry["upstream"] ?? "");
            if (instance >= 0 && match(entry))
            {
                counts[instance]++;
            }
        }

        return counts;
    }

    /// <summary>kill -9 of one instance: no shutdown code runs.</summary>
    public async Task KillAsync(int index)
    {
        await Instance(index).KillAsync();
        await Instance(index).DisposeAsync();
        _servers[index] = null;
    }

    /// <summary>Starts instance <paramref name="index"/> again on its old port (nginx's upstream list is fixed).</summary>
    public async Task RestartAsync(int index)
    {
        _servers[index] = await HttpServerProcess.StartOnPortAsync(InstanceUrls[index].Port, _home.Path, _serveArguments);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }

        if (Balancer is not null)
        {
            await Balancer.DisposeAsync();
        }

        if (Fakes is not null)
        {
            await Fakes.DisposeAsync();
        }

        if (_schema is not null)
        {
            await _schema.DisposeAsync();
        }

        _home.Dispose();
    }

    /// <summary>A bare 2025-11-25 initialize, as the TypeScript SDK sends it: does the answer open a session?</summary>
    private async Task<bool> InitializeGetsSessionAsync(Uri instance)
    {
        using var http = new HttpClient { Timeout = Bounded.Call };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(instance, "mcp"))
        {
            Content = new StringContent(
                """{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"session-probe","version":"1.0.0"}}}""",
                System.Text.Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiKey);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.True(response.IsSuccessStatusCode, $"initialize probe: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return response.Headers.Contains("Mcp-Session-Id");
    }

    private async Task StartCoreAsync(string nginx)
    {
        if (Backend == MultiInstanceBackend.Postgres)
        {
            _schema = await PostgresTestServer.CreateSchemaAsync("mi");
            _databaseArguments = ["--database", _schema.ConnectionString];
        }

        Stateless = MultiInstanceRequirements.ServerIsStateless;
        _serveArguments = [.. _databaseArguments, .. Stateless ? (string[])["--stateless"] : []];

        // The operator's step before a first instance on PostgreSQL (docs/deployment.md): one master key for every
        // process. Here every process shares one home, so the key is that home's master.key.
        await File.WriteAllTextAsync(
            Path.Combine(_home.Path, "master.key"),
            Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(_home.Path, "master.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // The fakes process migrates the database and seeds the workspace before any instance starts.
        Fakes = await SandboxFakesProcess.StartAsync(["--home", _home.Path, .. _databaseArguments, "--workspace", Workspace]);
        ApiKey = (await CliAsync("apikey", "create", Workspace)).Stdout.Trim();
        AdminToken = (await CliAsync("admin", "token", "create", "--name", AdminTokenName)).Stdout.Trim();
        // The plan's limits would refuse the load tests' bursts; the rate-limit test sets its own.
        await CliAsync("workspace", "set-limits", Workspace, "--calls-per-minute", "1000000", "--connector-calls-per-minute", "1000000");

        var starts = Enumerable.Range(0, InstanceCount).Select(_ => HttpServerProcess.StartAsync(_home.Path, _serveArguments)).ToList();
        try
        {
            await Task.WhenAll(starts);
        }
        finally
        {
            for (var i = 0; i < InstanceCount; i++)
            {
                _servers[i] = starts[i].IsCompletedSuccessfully ? starts[i].Result : null;
            }
        }

        InstanceUrls = [.. _servers.Select(s => s!.BaseUrl)];
        await using (var probe = await Instance(0).ConnectAsync(ApiKey))
        {
            CSharpClientsKeepSessions = probe.SessionId is not null;
        }

        InitializeClientsKeepSessions = await InitializeGetsSessionAsync(InstanceUrls[0]);
        Balancer = await NginxBalancer.StartAsync(nginx, InstanceUrls);
    }
}
