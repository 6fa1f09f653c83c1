using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Microsoft.Graph;
using Connectors.Mcp.Microsoft.Mail;

namespace Connectors.Mcp.Microsoft.Tests.Mail;

public sealed class OutlookMailConnectorTypeTests
{
    private readonly OutlookMailConnectorType _type = new();

    [Fact]
    public void Type_IsMicrosoftWithLeastPrivilegeScopes()
    {
        Assert.Equal("outlook_mail", _type.Type);
        Assert.Equal("microsoft", _type.Provider);
        Assert.Equal(["https://graph.microsoft.com/Mail.ReadWrite", "https://graph.microsoft.com/Mail.Send", "offline_access"], _type.Scopes);
        Assert.Equal(
            ["list_folders", "search_messages", "get_message", "send_email", "create_draft", "reply", "move_message"],
            _type.Actions.Select(a => a.Name));
    }

    [Fact]
    public void EveryAction_HasAHandlerForGraphClient()
    {
        foreach (var action in _type.Actions)
        {
            ActionHandler<GraphClient>.Of(action); // throws when the handler is for another client
        }
    }

    [Fact]
    public void Annotations_AndPolicies_MatchWhatEachActionDoes()
    {
        AssertAction("list_folders", readOnly: true, destructive: false, ApprovalPolicy.Auto);
        AssertAction("search_messages", readOnly: true, destructive: false, ApprovalPolicy.Auto);
        AssertAction("get_message", readOnly: true, destructive: false, ApprovalPolicy.Auto);
        AssertAction("send_email", readOnly: false, destructive: false, ApprovalPolicy.Approve);
        AssertAction("reply", readOnly: false, destructive: false, ApprovalPolicy.Approve);
        AssertAction("create_draft", readOnly: false, destructive: false, ApprovalPolicy.Auto);
        AssertAction("move_message", readOnly: false, destructive: true, ApprovalPolicy.Auto);
        Assert.All(_type.Actions.Where(a => !a.IsReadOnly), a => Assert.False(a.Annotations.Idempotent));
    }

    [Fact]
    public void ContentAndRecipientArguments_AreDeclaredForTheAudit()
    {
        Assert.Equal(["subject", "body", "html_body"], Action("send_email").ContentArguments);
        Assert.Equal(["subject", "body", "html_body"], Action("create_draft").ContentArguments);
        Assert.Equal(["body"], Action("reply").ContentArguments);
        Assert.Equal(["to", "cc", "bcc"], Action("send_email").RecipientArguments);
        Assert.Equal(["to", "cc", "bcc"], Action("create_draft").RecipientArguments);
        // Outlook picks a reply's recipients from the original: no recipient rule can auto-approve it.
        Assert.Empty(Action("reply").RecipientArguments);
    }

    [Fact]
    public void Writes_ThatCanBeFoundAgain_HaveAFindFunction()
    {
        Assert.True(Handler("send_email").FindsOutcome);
        Assert.True(Handler("reply").FindsOutcome);
        Assert.True(Handler("create_draft").FindsOutcome);
        Assert.False(Handler("move_message").FindsOutcome);
    }

    [Fact]
    public void EveryOutputSchema_IsClosed()
    {
        foreach (var action in _type.Actions)
        {
            Assert.Equal("object", action.OutputSchema.GetProperty("type").GetString());
            Assert.False(action.OutputSchema.GetProperty("additionalProperties").GetBoolean(), action.Name);
            Assert.Equal(JsonValueKind.False, action.InputSchema.GetProperty("additionalProperties").ValueKind);
        }
    }

    [Fact]
    public void SendDescribe_ReadsLikeGmails_RecipientsSubjectFirstBodyLines()
    {
        var text = Action("send_email").Describe!(new JsonObject
        {
            ["to"] = new JsonArray("alice@example.com", "bob@example.com"),
            ["cc"] = new JsonArray("carol@example.com"),
            ["bcc"] = new JsonArray("dave@example.com"),
            ["subject"] = "Quarterly numbers",
            ["body"] = "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7",
            ["html_body"] = "<p>hi</p>",
        });

        Assert.StartsWith("Send this email:", text, StringComparison.Ordinal);
        Assert.Contains("From: the connected Outlook account", text, StringComparison.Ordinal);
        Assert.Contains("To: alice@example.com, bob@example.com", text, StringComparison.Ordinal);
        Assert.Contains("Cc: carol@example.com", text, StringComparison.Ordinal);
        Assert.Contains("Bcc: dave@example.com", text, StringComparison.Ordinal);
        Assert.Contains("Subject: Quarterly numbers", text, StringComparison.Ordinal);
        Assert.Contains("line 5", text, StringComparison.Ordinal);
        Assert.DoesNotContain("line 6", text, StringComparison.Ordinal);
        Assert.Contains("(2 more lines)", text, StringComparison.Ordinal);
        Assert.Contains("HTML body (sent instead of the text above): 9 characters", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SendDescribe_WarnsOfALookAlikeDomain()
    {
        var text = Action("send_email").Describe!(new JsonObject
        {
            ["to"] = new JsonArray("ceo@exаmple.com"), // Cyrillic 'а'
            ["subject"] = "Wire",
            ["body"] = "Please pay.",
        });

        Assert.Contains("xn--", text, StringComparison.Ordinal);
    }

    [Fact]
    public void DraftAndReplyDescribe_SayWhatHappens()
    {
        var draft = Action("create_draft").Describe!(new JsonObject { ["to"] = new JsonArray("bob@example.com"), ["subject"] = "S", ["body"] = "B" });
        var reply = Action("reply").Describe!(new JsonObject { ["message_id"] = "AAMk1", ["body"] = "Sounds good", ["reply_all"] = true });

        Assert.StartsWith("Save this email as an Outlook draft (nothing is sent):", draft, StringComparison.Ordinal);
        Assert.StartsWith("Reply to everyone on this Outlook message:", reply, StringComparison.Ordinal);
        Assert.Contains("In reply to Outlook message AAMk1", reply, StringComparison.Ordinal);
        Assert.Contains("  Sounds good", reply, StringComparison.Ordinal);
    }

    private ConnectorAction Action(string name) => _type.Actions.Single(a => a.Name == name);

    private ActionHandler<GraphClient> Handler(string name) => ActionHandler<GraphClient>.Of(Action(name));

    private void AssertAction(string name, bool readOnly, bool destructive, ApprovalPolicy policy)
    {
        var action = Action(name);
        Assert.Equal(readOnly, action.Annotations.ReadOnly);
        Assert.Equal(destructive, action.Annotations.Destructive);
        Assert.Equal(policy, action.DefaultPolicy);
        Assert.True(action.Annotations.OpenWorld, name);
    }
}
