using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Credentials;
using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Sandbox.Microsoft;
using Connectors.Mcp.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Tests.Pipeline;

/// <summary>
/// Outlook's sends end to end through the pipeline, with the real outlook_mail connector against the fake Graph: a send
/// whose answer is lost is found in the mailbox and reported as sent, once; a repeat with the same key sends nothing;
/// the audit keeps no content.
/// </summary>
public sealed class OutlookSendPipelineTests
{
    private const string Send = "outlook_mail_send_email";
    private const string Email = """{"to":["bob@example.com"],"subject":"Signed contract","body":"the secret body"}""";

    [Fact]
    public async Task ADroppedSend_SendsOnce_AndTheToolResultSaysItWasSent()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var server = await StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await ConnectorAsync(h, server, ws, Send);
        server.InjectFault(FakeMicrosoftEndpoints.SendMessage, FakeGraphFault.ActThenDropConnection());

        var outcome = await h.CallAsync(ws, Send, Email);

        Assert.False(outcome.IsError, outcome.Text);
        Assert.Contains("DID take effect, once", outcome.Text, StringComparison.Ordinal);
        Assert.Equal("sent", outcome.StructuredContent!["status"]!.GetValue<string>());
        var sent = Assert.Single(server.MessagesIn("sentitems"), m => m.Subject == "Signed contract");
        Assert.Equal(sent.InternetMessageId, outcome.StructuredContent["internet_message_id"]!.GetValue<string>());
        Assert.Equal(1, server.RequestCount(FakeMicrosoftEndpoints.SendMessage));
        Assert.Equal(AuditCodes.AmbiguousResolvedSucceeded, (await h.Audit.ListAsync(ws.Id, 1, CancellationToken.None))[0].ErrorCode);
    }

    [Fact]
    public async Task RepeatedSend_SameKey_SendsOnce_AndTheAuditKeepsNoContent()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var server = await StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await ConnectorAsync(h, server, ws, Send);
        var keyed = Email.Replace("}", ""","idempotency_key":"order-42"}""", StringComparison.Ordinal);

        var first = await h.CallAsync(ws, Send, keyed);
        var second = await h.CallAsync(ws, Send, keyed);

        Assert.False(first.IsError, first.Text);
        Assert.True(JsonNode.DeepEquals(first.StructuredContent, second.StructuredContent));
        Assert.Single(server.MessagesIn("sentitems"), m => m.Subject == "Signed contract");
        var rows = await h.Audit.ListAsync(ws.Id, 10, CancellationToken.None);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.DoesNotContain("the secret body", r.ArgumentsJson, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.DoesNotContain("Signed contract", r.ArgumentsJson, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains("bob@example.com", r.ArgumentsJson, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Send_WithoutAPolicy_WaitsForApproval_AndSendsNothing()
    {
        await using var h = await PipelineHarness.CreateAsync();
        await using var server = await StartAsync(h);
        var ws = await h.WorkspaceAsync("acme");
        await ConnectorAsync(h, server, ws);

        var outcome = await h.CallAsync(ws, Send, Email);

        Assert.Contains("approv", outcome.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, server.RequestCount(FakeMicrosoftEndpoints.SendMessage));
    }

    private static async Task<FakeMicrosoftServer> StartAsync(PipelineHarness harness)
    {
        var server = new FakeMicrosoftServer(harness.Time);
        await server.StartAsync();
        await harness.Services.GetRequiredService<ICredentialStore>().SetOAuthClientAsync(
            new OAuthClientCredentials("microsoft", FakeMicrosoftServer.SandboxClientId, FakeMicrosoftServer.SandboxClientSecret), CancellationToken.None);
        return server;
    }

    private static async Task ConnectorAsync(PipelineHarness harness, FakeMicrosoftServer server, Workspace workspace, params string[] autoTools)
    {
        var connector = await harness.Services.GetRequiredService<IConnectorStore>().AddAsync(workspace.Id, "outlook_mail", "outlook_mail", new Dictionary<string, string>
        {
            [ConnectorSettings.ApiBaseUrl] = server.GraphBaseUrl.AbsoluteUri,
            [ConnectorSettings.TokenUrl] = server.TokenUrl.AbsoluteUri,
        }, CancellationToken.None);
        var grant = server.IssueTokens();
        await harness.Services.GetRequiredService<ICredentialStore>().SaveTokensAsync(
            workspace.Id, connector.Id, new OAuthTokens(grant.AccessToken, grant.RefreshToken, grant.ExpiresAt, grant.Scope), CancellationToken.None);
        foreach (var tool in autoTools)
        {
            await harness.Services.GetRequiredService<IPolicyStore>().SetAsync(workspace.Id, tool, ApprovalPolicy.Auto, OperatorActor.Cli("test"), CancellationToken.None);
        }
    }
}
