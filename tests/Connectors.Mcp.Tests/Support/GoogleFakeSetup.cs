using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Sandbox.Google;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Support;

/// <summary>
/// A started <see cref="FakeGoogleServer"/> on the harness's clock, and real Google connectors in a workspace pointed at
/// it (tokens from the fake, the sandbox OAuth client, the given tools set to <c>auto</c>).
/// </summary>
public sealed class GoogleFakeSetup : IAsyncDisposable
{
    private GoogleFakeSetup(FakeGoogleServer server) => Server = server;

    public FakeGoogleServer Server { get; }

    public static async Task<GoogleFakeSetup> StartAsync(PipelineHarness harness)
    {
        var server = new FakeGoogleServer(new FakeGoogleServerOptions { Time = harness.Time });
        await server.StartAsync();
        await harness.Services.GetRequiredService<ICredentialStore>().SetOAuthClientAsync(
            new OAuthClientCredentials("google", FakeGoogleServer.SandboxClientId, FakeGoogleServer.SandboxClientSecret), CancellationToken.None);
        return new GoogleFakeSetup(server);
    }

    /// <summary>Adds a connector of <paramref name="type"/> (named as the type) with live tokens; <paramref name="autoTools"/> run without approval.</summary>
    public async Task<ConnectorInstance> ConnectorAsync(PipelineHarness harness, Workspace workspace, string type, params string[] autoTools)
    {
        var connectors = harness.Services.GetRequiredService<IConnectorStore>();
        var connector = await connectors.AddAsync(workspace.Id, type, type, new Dictionary<string, string>
        {
            [ConnectorSettings.ApiBaseUrl] = Server.BaseUrl.AbsoluteUri,
            [ConnectorSettings.TokenUrl] = Server.TokenUrl.AbsoluteUri,
        }, CancellationToken.None);
        var grant = Server.IssueTokens();
        await harness.Services.GetRequiredService<ICredentialStore>().SaveTokensAsync(
            workspace.Id, connector.Id, new OAuthTokens(grant.AccessToken, grant.RefreshToken, grant.ExpiresAt, grant.Scope), CancellationToken.None);
        foreach (var tool in autoTools)
        {
            await harness.Services.GetRequiredService<IPolicyStore>().SetAsync(workspace.Id, tool, ApprovalPolicy.Auto, OperatorActor.Cli("test"), CancellationToken.None);
        }

        return connector;
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
