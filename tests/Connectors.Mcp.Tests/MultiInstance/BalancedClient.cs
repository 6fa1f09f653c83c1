using System.Text.Json.Nodes;
using Connectors.Mcp.Tests.EndToEnd;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.MultiInstance;

/// <summary>
/// The C# SDK client (default options: it offers 2026-07-28 and falls back to the initialize handshake when the server
/// does not speak it) through the balancer, with the workspace API key and an <c>X-Test-Client</c> tag for the access
/// log. When the instances keep sessions for it, it pins its session with an <c>X-Mcp-Affinity</c> key of its own (see
/// the nginx template). <see cref="CallWithRetryAsync"/> is what a client does when an instance dies under it: it connects again
/// (a new session, on a live instance) and repeats the call.
/// </summary>
public sealed class BalancedClient : IAsyncDisposable
{
    private readonly MultiInstanceCluster _cluster;
    private readonly string _tag;
    private McpClient _client;

    private BalancedClient(MultiInstanceCluster cluster, string tag, McpClient client)
    {
        _cluster = cluster;
        _tag = tag;
        _client = client;
    }

    public McpClient Client => _client;

    /// <summary>Transport failures this client saw (each followed by a reconnect).</summary>
    public int Failures { get; private set; }

    public static async Task<BalancedClient> ConnectAsync(MultiInstanceCluster cluster, string tag) =>
        new(cluster, tag, await OpenAsync(cluster, tag));

    /// <summary>tools/call; on a transport failure (the instance died, its session is gone) reconnects and repeats, up to <paramref name="attempts"/> times.</summary>
    public async Task<CallToolResult> CallWithRetryAsync(string tool, JsonObject arguments, int attempts = 5)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _client.CallAsync(tool, arguments);
            }
            catch (Exception ex) when (attempt < attempts && ex is HttpRequestException or McpException or TimeoutException or IOException or OperationCanceledException)
            {
                Failures++;
                await _client.DisposeAsync();
                await Task.Delay(200 * attempt);
                _client = await ReconnectAsync(attempts);
            }
        }
    }

    public ValueTask DisposeAsync() => _client.DisposeAsync();

    private async Task<McpClient> ReconnectAsync(int attempts)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await OpenAsync(_cluster, _tag);
            }
            catch (Exception ex) when (attempt < attempts && ex is HttpRequestException or McpException or TimeoutException or IOException or OperationCanceledException)
            {
                Failures++;
                await Task.Delay(200 * attempt);
            }
        }
    }

    private static async Task<McpClient> OpenAsync(MultiInstanceCluster cluster, string tag)
    {
        var headers = new Dictionary<string, string>
        {
            ["Authorization"] = $"Bearer {cluster.ApiKey}",
            ["X-Test-Client"] = tag,
        };
        if (cluster.CSharpClientsKeepSessions)
        {
            headers["X-Mcp-Affinity"] = Guid.NewGuid().ToString("N");
        }

        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = cluster.Balancer.McpUrl,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = headers,
            ConnectionTimeout = Bounded.Startup,
        });
        using var timeout = new CancellationTokenSource(Bounded.Startup);
        return await McpClient.CreateAsync(transport, ClientOptions.Plain(), loggerFactory: null, timeout.Token).WaitAsync(Bounded.Startup);
    }
}
