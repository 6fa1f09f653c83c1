using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Google.Tests.TestSupport;
using Connectors.Mcp.Sandbox.Google;

namespace Connectors.Mcp.Google.Tests.Idempotency;

/// <summary>send_email's Message-ID comes from the idempotency key, and an ambiguous send is resolved with rfc822msgid:.</summary>
public sealed class GmailWriteOutcomeTests
{
    [Fact]
    public async Task SendEmail_WithAKey_SetsTheMessageIdDerivedFromIt_TheSameForTheSameKey()
    {
        await using var harness = await GmailHarness.StartAsync();
        var first = harness.Type.Create(harness.Context.WithKey("order-42"));
        var again = harness.Type.Create(harness.Context.WithKey("order-42"));
        var other = harness.Type.Create(harness.Context.WithKey("order-43"));

        var a = await first.ExecuteAsync("send_email", Email(), CancellationToken.None);
        var b = await again.ExecuteAsync("send_email", Email(), CancellationToken.None);
        var c = await other.ExecuteAsync("send_email", Email(), CancellationToken.None);

        Assert.Equal((string)a["message_id_header"]!, (string)b["message_id_header"]!);
        Assert.NotEqual((string)a["message_id_header"]!, (string)c["message_id_header"]!);
        Assert.Matches("^<[0-9a-f]{40}@connectors-mcp\\.local>$", (string)a["message_id_header"]!);
        Assert.Equal((string)a["message_id_header"]!, $"<{harness.Server.SentMessages[0].Message.MessageId}>");
    }

    [Fact]
    public async Task SendEmail_ActThen503_IsAmbiguous_AndResolveFindsTheSentMessage()
    {
        await using var harness = await GmailHarness.StartAsync();
        var connector = harness.Type.Create(harness.Context.WithKey("k-1"));
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesSend, FakeFault.ActThenUnavailable());

        var error = await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => connector.ExecuteAsync("send_email", Email(), CancellationToken.None));
        var outcome = await ((IWriteOutcomeResolver)connector).ResolveAsync("send_email", Email(), CancellationToken.None);

        Assert.Equal(503, error.StatusCode);
        var sent = Assert.Single(harness.Server.SentMessages);
        Assert.True(outcome!.TookEffect);
        Assert.Equal(sent.Id, (string)outcome.Result!["id"]!);
        Assert.Equal(sent.ThreadId, (string)outcome.Result["thread_id"]!);
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
    }

    [Fact]
    public async Task SendEmail_ActThenDropConnection_IsAmbiguous()
    {
        await using var harness = await GmailHarness.StartAsync();
        var connector = harness.Type.Create(harness.Context.WithKey("k-1"));
        harness.Server.InjectFault(FakeGoogleEndpoints.MessagesSend, FakeFault.ActThenDropConnection());

        await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => connector.ExecuteAsync("send_email", Email(), CancellationToken.None));

        Assert.Single(harness.Server.SentMessages);
    }

    [Fact]
    public async Task CreateDraft_ActThen503_IsAmbiguous_AndResolveFindsTheDraft()
    {
        await using var harness = await GmailHarness.StartAsync();
        var connector = harness.Type.Create(harness.Context.WithKey("draft-1"));
        var other = (IWriteOutcomeResolver)harness.Type.Create(harness.Context.WithKey("draft-2"));
        harness.Server.InjectFault(FakeGoogleEndpoints.DraftsCreate, FakeFault.ActThenUnavailable());

        await Assert.ThrowsAsync<AmbiguousOutcomeException>(() => connector.ExecuteAsync("create_draft", Email(), CancellationToken.None));
        var outcome = await ((IWriteOutcomeResolver)connector).ResolveAsync("create_draft", Email(), CancellationToken.None);
        var unrelated = await other.ResolveAsync("create_draft", Email(), CancellationToken.None);

        var draft = Assert.Single(harness.Server.Drafts);
        Assert.True(outcome!.TookEffect);
        Assert.Equal(draft.DraftId, (string)outcome.Result!["draft_id"]!);
        Assert.Equal(draft.MessageId, (string)outcome.Result["id"]!);
        Assert.False(unrelated!.TookEffect);
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.DraftsCreate));
    }

    [Fact]
    public async Task Resolve_NothingWasSent_IsNotApplied()
    {
        await using var harness = await GmailHarness.StartAsync();
        var connector = (IWriteOutcomeResolver)harness.Type.Create(harness.Context.WithKey("never-sent"));

        var outcome = await connector.ResolveAsync("send_email", Email(), CancellationToken.None);

        Assert.False(outcome!.TookEffect);
        Assert.Equal(1, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesList));
        Assert.Equal(0, harness.Server.RequestCount(FakeGoogleEndpoints.MessagesSend));
    }

    [Fact]
    public async Task Resolve_WithoutAKeyOrForAnUncheckableAction_CannotTell()
    {
        await using var harness = await GmailHarness.StartAsync();
        var unkeyed = (IWriteOutcomeResolver)harness.Type.Create(harness.Context);
        var keyed = (IWriteOutcomeResolver)harness.Type.Create(harness.Context.WithKey("k"));

        Assert.Null(await unkeyed.ResolveAsync("send_email", Email(), CancellationToken.None));
        Assert.Null(await keyed.ResolveAsync("modify_labels", new JsonObject { ["message_id"] = "abc", ["add_label_ids"] = new JsonArray("STARRED") }, CancellationToken.None));
        Assert.Equal(0, harness.Server.TotalRequestCount - harness.Server.TokenRequestCount);
    }

    [Fact]
    public async Task Read_503_IsAPlainProviderError_NotAmbiguous()
    {
        await using var harness = await GmailHarness.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            harness.Server.InjectFault(FakeGoogleEndpoints.MessagesList, FakeFault.Unavailable());
        }

        var error = await Assert.ThrowsAsync<ProviderException>(() => harness.RunAsync("search_inbox", new JsonObject { ["query"] = "x" }));

        Assert.Equal(503, error.StatusCode);
    }

    private static JsonObject Email() => new()
    {
        ["to"] = new JsonArray("bob@example.com"),
        ["subject"] = "Quarterly numbers",
        ["body"] = "Attached.",
    };
}
