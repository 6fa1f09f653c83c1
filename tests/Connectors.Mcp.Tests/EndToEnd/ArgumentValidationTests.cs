using System.Text.Json.Nodes;
using ModelContextProtocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// Bad arguments over the wire: an error result naming the field, and nothing else happens — no request reaches the
/// fake Google (not even a token refresh), nothing is sent, no approval is queued.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class ArgumentValidationTests(StdioWorkspaceFixture fixture) : IClassFixture<StdioWorkspaceFixture>
{
    private Sandbox.Google.FakeGoogleServer Google => fixture.Installation.Google;

    private const string EncodedWordLocalPart = "=?utf-8?b?ZXZpbEB4LnRlc3Q=?=@example.com";

    public static TheoryData<string, string, string> InjectedRecipients()
    {
        string[] values =
        [
            "bob@example.com\r\nBcc: evil@x.test",
            "bob@example.com\nBcc: evil@x.test",
            "a@x.com, b@y.com",
            "a@x.com;b@y.com",
            "\"ceo@acme.example\" <evil@x.test>",
            "CEO <evil@x.test>",
            "=?utf-8?q?CEO?= <evil@x.test>",
        ];
        var data = new TheoryData<string, string, string>();
        foreach (var tool in new[] { "gmail_send_email", "gmail_create_draft" })
        {
            foreach (var field in new[] { "to", "cc", "bcc" })
            {
                foreach (var value in values)
                {
                    data.Add(tool, field, value);
                }

                if (tool == "gmail_create_draft")
                {
                    data.Add(tool, field, EncodedWordLocalPart);
                }
            }
        }

        return data;
    }

    [Fact]
    public async Task UnknownArgument_IsAnErrorNamingIt_AndNothingReachesGoogle()
    {
        var requests = Google.TotalRequestCount;

        var text = (await fixture.Client.CallAsync("gmail_search_inbox", """{"query":"in:inbox","folder":"INBOX"}""")).AssertError();

        Assert.Contains("'folder'", text);
        Assert.Equal(requests, Google.TotalRequestCount);
    }

    [Fact]
    public async Task MissingTo_IsAnErrorNamingIt_NothingSentOrQueued()
    {
        var requests = Google.TotalRequestCount;
        var approvals = await PendingApprovalCountAsync();

        var text = (await fixture.Client.CallAsync("gmail_send_email", """{"subject":"Hello","body":"Hi"}""")).AssertError();

        Assert.Contains("missing required argument(s): to", text);
        Assert.Equal(requests, Google.TotalRequestCount);
        Assert.Empty(Google.SentMessages);
        Assert.Equal(approvals, await PendingApprovalCountAsync());
    }

    [Fact]
    public async Task WrongType_IsAnErrorNamingTheField()
    {
        var requests = Google.TotalRequestCount;

        var text = (await fixture.Client.CallAsync("gmail_search_inbox", """{"max_results":"ten"}""")).AssertError();

        Assert.Contains("max_results", text);
        Assert.Equal(requests, Google.TotalRequestCount);
    }

    [Fact]
    public async Task SevenHundredThousandDuplicateLabelIds_ShortErrorNamingTheLimit_NothingReachesGoogle()
    {
        var requests = Google.TotalRequestCount;
        var arguments = """{"message_id":"m1","add_label_ids":[""" + string.Join(",", Enumerable.Repeat("\"INBOX\"", 700_000)) + "]}";

        var text = (await fixture.Client.CallAsync("gmail_modify_labels", arguments)).AssertError();

        Assert.Contains("add_label_ids: 700,000 items; an argument array holds at most 1,000", text);
        Assert.InRange(text.Length, 1, 2_500);
        Assert.Equal(requests, Google.TotalRequestCount);
    }

    [Fact]
    public async Task DuplicateLabelIdsWithinTheSizeLimit_EveryProblemLineIsShort()
    {
        var arguments = """{"message_id":"m1","add_label_ids":[""" + string.Join(",", Enumerable.Repeat("\"INBOX\"", 1_000)) + "]}";

        var text = (await fixture.Client.CallAsync("gmail_modify_labels", arguments)).AssertError();

        Assert.Contains("add_label_ids: Value should have at most 100 items", text);
        Assert.All(text.Split('\n'), line => Assert.InRange(line.Length, 0, 202));
    }

    [Fact]
    public async Task UnknownTool_IsAJsonRpcError_NotAToolResult()
    {
        var requests = Google.TotalRequestCount;

        var error = await Assert.ThrowsAsync<McpProtocolException>(() => fixture.Client.CallAsync("gmail_delete_everything", "{}"));

        Assert.Equal(McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains("gmail_delete_everything", error.Message);
        Assert.Equal(requests, Google.TotalRequestCount);
    }

    [Theory]
    [MemberData(nameof(InjectedRecipients))]
    public async Task HeaderInjectionInARecipient_IsAnErrorNamingTheItem_NothingSentOrQueued(string tool, string field, string value)
    {
        var requests = Google.TotalRequestCount;
        var drafts = Google.Drafts.Count;
        var approvals = await PendingApprovalCountAsync();
        var arguments = new JsonObject { ["to"] = new JsonArray("alice@example.com"), ["subject"] = "Quarterly numbers", ["body"] = "See attached." };
        arguments[field] = new JsonArray("alice@example.com", value);

        var text = (await fixture.Client.CallAsync(tool, arguments)).AssertError();

        Assert.Contains($"{field}[1]", text);
        Assert.Equal(requests, Google.TotalRequestCount);
        Assert.Empty(Google.SentMessages);
        Assert.Equal(drafts, Google.Drafts.Count);
        Assert.Equal(approvals, await PendingApprovalCountAsync());
    }

    [Theory]
    [InlineData("gmail_create_draft", "Hello\r\nBcc: evil@x.test")]
    [InlineData("gmail_create_draft", "Hello\nBcc: evil@x.test")]
    [InlineData("gmail_create_draft", "Hello\rContent-Type: text/html")]
    public async Task LineBreakInTheSubject_IsAnErrorNamingIt_NothingCreated(string tool, string subject)
    {
        var requests = Google.TotalRequestCount;
        var drafts = Google.Drafts.Count;

        var text = (await fixture.Client.CallAsync(tool, new JsonObject { ["to"] = new JsonArray("alice@example.com"), ["subject"] = subject, ["body"] = "Hi" })).AssertError();

        Assert.Contains("subject", text);
        Assert.Equal(requests, Google.TotalRequestCount);
        Assert.Equal(drafts, Google.Drafts.Count);
    }

    [Theory]
    [InlineData("Hello\r\nBcc: evil@x.test")]
    [InlineData("Hello\nBcc: evil@x.test")]
    public async Task LineBreakInTheSubjectOfAGatedSend_IsAnErrorBeforeTheApprovalGate(string subject)
    {
        var requests = Google.TotalRequestCount;
        var approvals = await PendingApprovalCountAsync();

        var text = (await fixture.Client.CallAsync("gmail_send_email", new JsonObject { ["to"] = new JsonArray("alice@example.com"), ["subject"] = subject, ["body"] = "Hi" })).AssertError();

        Assert.Contains("subject", text);
        Assert.Equal(requests, Google.TotalRequestCount);
        Assert.Empty(Google.SentMessages);
        Assert.Equal(approvals, await PendingApprovalCountAsync());
    }

    [Theory]
    [InlineData("subject", "Hello\r\nBcc: evil@x.test")]
    [InlineData("to", EncodedWordLocalPart)]
    public async Task InjectionInAGatedSend_IsRefusedBeforeTheGate_NothingQueuedOrSent(string field, string value)
    {
        var subject = $"Gated injection {Guid.NewGuid():N}";
        var sendRequests = Google.RequestCount(Sandbox.Google.FakeGoogleEndpoints.MessagesSend);
        var arguments = new JsonObject { ["to"] = new JsonArray("alice@example.com"), ["subject"] = subject, ["body"] = "Hi" };
        arguments[field] = field == "to" ? new JsonArray(value) : value;

        var result = await fixture.Client.CallAsync("gmail_send_email", arguments);

        // The connector's own argument checks run in the validation stage, so no person is asked to approve this.
        Assert.True(result.IsError);
        Assert.Contains(field, result.Text());
        var pending = await fixture.Installation.Cli.RunOkAsync("approvals", "list", StdioWorkspaceFixture.Workspace, "--json");
        Assert.DoesNotContain(subject, pending.Stdout);
        Assert.Equal(sendRequests, Google.RequestCount(Sandbox.Google.FakeGoogleEndpoints.MessagesSend));
        Assert.Empty(Google.SentMessages);
    }

    [Theory]
    [InlineData("to")]
    [InlineData("cc")]
    [InlineData("bcc")]
    public async Task EncodedWordRecipientOfAGatedSend_IsAnErrorBeforeTheApprovalGate(string field)
    {
        await HeaderInjectionInARecipient_IsAnErrorNamingTheItem_NothingSentOrQueued("gmail_send_email", field, EncodedWordLocalPart);
    }

    [Fact]
    public async Task EncodedWordInTheSubject_IsSentAsLiteralText_NotDecodedIntoHeaders()
    {
        const string subject = "=?utf-8?b?SGVsbG8NCkJjYzogZXZpbEB4LnRlc3Q=?=";

        var result = (await fixture.Client.CallAsync("gmail_create_draft", new JsonObject { ["to"] = new JsonArray("alice@example.com"), ["subject"] = subject, ["body"] = "Hi" })).AssertSuccess();

        var draft = Assert.Single(Google.Drafts, d => d.MessageId == (string)result.Structured()["id"]!);
        Assert.Equal(subject, draft.Message.Subject);
        Assert.Empty(draft.Message.Bcc);
        Assert.Equal(["alice@example.com"], draft.Message.To.Mailboxes.Select(m => m.Address));
    }

    private async Task<int> PendingApprovalCountAsync()
    {
        var list = await fixture.Installation.Cli.RunOkAsync("approvals", "list", StdioWorkspaceFixture.Workspace, "--json");
        return list.StdoutLines.Length;
    }
}
