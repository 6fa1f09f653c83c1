using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Pipeline.Audit;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Tests.EndToEnd;
using ModelContextProtocol;

namespace Connectors.Mcp.Tests.Hosting.Auth;

/// <summary>
/// A read-only key's call to <c>gmail_send_email</c> over real HTTP is answered and audited exactly like a call to a tool
/// that does not exist, so a scoped key cannot probe which tools there are. Its own server (fixture): the audit budget
/// for refusals is per process and workspace, and the other scope tests spend it.
/// </summary>
public sealed class ScopedKeyAuditTests(ScopedKeyServerFixture fixture) : IClassFixture<ScopedKeyServerFixture>
{
    private const string SendArguments = """{"to":["bob@example.com"],"subject":"Q3 deck","body":"Attached."}""";

    [Fact]
    public async Task ReadOnlyKey_SendEmail_IsRefusedAndAuditedExactlyLikeAnUnknownTool()
    {
        var issued = await fixture.CreateKeyAsync(ToolScope.Create(true, null), "reader");
        await using var client = await fixture.ConnectAsync(issued.Secret);

        var send = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallAsync("gmail_send_email", SendArguments));
        var sendRow = (await fixture.AuditAsync())[0];
        var missing = await Assert.ThrowsAsync<McpProtocolException>(() => client.CallAsync("gmail_send_emails", SendArguments));
        var missingRow = (await fixture.AuditAsync())[0];

        Assert.NotNull(fixture.Catalog.Find("gmail_send_email"));
        Assert.Equal(McpErrorCode.InvalidParams, send.ErrorCode);
        Assert.Equal(missing.Message.Replace("gmail_send_emails", "gmail_send_email", StringComparison.Ordinal), send.Message);
        Assert.Contains("Unknown tool 'gmail_send_email' in workspace 'demo'.", send.Message, StringComparison.Ordinal);
        Assert.Equal(("gmail_send_email", AuditStatus.Rejected, AuditCodes.UnknownTool), (sendRow.Tool, sendRow.Status, sendRow.ErrorCode));
        Assert.Equal("gmail_send_emails", missingRow.Tool);
        Assert.Equal(
            (missingRow.ConnectorId, missingRow.Action, missingRow.Status, missingRow.ErrorCode, missingRow.ErrorMessage, missingRow.ArgumentsJson, missingRow.ArgumentsHash),
            (sendRow.ConnectorId, sendRow.Action, sendRow.Status, sendRow.ErrorCode, sendRow.ErrorMessage, sendRow.ArgumentsJson, sendRow.ArgumentsHash));
        Assert.Null(sendRow.ConnectorId);
    }
}
