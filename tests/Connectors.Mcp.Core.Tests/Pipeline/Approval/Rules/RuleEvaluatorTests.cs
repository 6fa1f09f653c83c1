using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Core.Pipeline.Approval.Rules;
using Connectors.Mcp.Core.Storage;
using Connectors.Mcp.Core.Tests.Connectors;

namespace Connectors.Mcp.Core.Tests.Pipeline.Approval.Rules;

public sealed class RuleEvaluatorTests
{
    private static readonly ConnectorAction SendEmail = Action("send_email", ["to", "cc", "bcc"]);
    private static readonly ConnectorAction CreateEvent = Action("create_event", ["attendees"]);
    private static readonly ConnectorAction DeleteEvent = Action("delete_event", []);
    private static readonly string[] AcmeDomains = ["acme.com"];

    // Issue example 1: "gmail_send_email: auto when every recipient is in @acme.com, otherwise approve".
    private static readonly ApprovalRule[] SendToAcme =
    [
        Rule(1, "gmail_send_email", "recipients-all-in:acme.com", ApprovalPolicy.Auto),
        Rule(2, "gmail_send_email", "always", ApprovalPolicy.Approve),
    ];

    [Theory]
    [InlineData("""{"to":["bob@acme.com"]}""", 1)]
    [InlineData("""{"to":["bob@acme.com"],"cc":["carol@ACME.COM"],"bcc":["dave@Acme.com"]}""", 1)]
    [InlineData("""{"to":["bob@acme.com"],"cc":["eve@evil.com"]}""", 2)]
    [InlineData("""{"to":["bob@acme.com"],"bcc":["eve@evil.com"]}""", 2)]
    [InlineData("""{"to":["bob@acme.com.evil.com"]}""", 2)]
    [InlineData("""{"to":["bob@evilacme.com"]}""", 2)]
    [InlineData("""{"to":["bob@eu.acme.com"]}""", 2)]
    [InlineData("""{"to":["bob@аcme.com"]}""", 2)]
    [InlineData("""{"to":["acme.com@evil.com"]}""", 2)]
    [InlineData("""{"to":["bob"]}""", 2)]
    [InlineData("""{"to":[]}""", 2)]
    [InlineData("""{"subject":"no recipients at all"}""", 2)]
    public void SendEmail_AutoOnlyWhenEveryRecipientIsInAcme(string arguments, int expectedPosition) =>
        Assert.Equal(expectedPosition, Decide(SendToAcme, "gmail_send_email", SendEmail, arguments)?.Position);

    [Theory]
    [InlineData("""{"to":["bob@eu.acme.com"]}""", true)]
    [InlineData("""{"to":["bob@a.b.acme.com"]}""", true)]
    [InlineData("""{"to":["bob@acme.com"]}""", false)]
    [InlineData("""{"to":["bob@evil-acme.com"]}""", false)]
    [InlineData("""{"to":["bob@acme.com.evil.com"]}""", false)]
    public void Wildcard_MatchesSubdomainsOnly(string arguments, bool matches)
    {
        ApprovalRule[] rules = [Rule(1, "*", "recipients-all-in:*.acme.com", ApprovalPolicy.Auto)];

        Assert.Equal(matches, Decide(rules, "gmail_send_email", SendEmail, arguments) is not null);
    }

    // Issue example 2: "calendar create_event: approve when attendees include anyone outside the workspace's domains".
    [Theory]
    [InlineData("""{"title":"sync","attendees":["bob@acme.com","carol@acme.io"]}""", false)]
    [InlineData("""{"title":"sync","attendees":["bob@acme.com","partner@vendor.com"]}""", true)]
    [InlineData("""{"title":"sync","attendees":["BOB@ACME.IO"]}""", false)]
    [InlineData("""{"title":"sync","attendees":["bob@acme.io.vendor.com"]}""", true)]
    [InlineData("""{"title":"sync"}""", false)]
    [InlineData("""{"title":"sync","attendees":[]}""", false)]
    public void CreateEvent_ApproveWhenAnyAttendeeIsOutsideTheWorkspaceDomains(string arguments, bool approve)
    {
        ApprovalRule[] rules =
        [
            Rule(1, "google_calendar_create_event", "recipients-any-outside:workspace", ApprovalPolicy.Approve),
            Rule(2, "google_calendar_create_event", "always", ApprovalPolicy.Auto),
        ];

        var rule = Decide(rules, "google_calendar_create_event", CreateEvent, arguments, ["acme.com", "acme.io"]);

        Assert.Equal(approve ? ApprovalPolicy.Approve : ApprovalPolicy.Auto, rule!.Effect);
    }

    [Fact]
    public void WorkspaceWord_WithoutWorkspaceDomains_PutsEveryRecipientOutside()
    {
        ApprovalRule[] allIn = [Rule(1, "*", "recipients-all-in:workspace", ApprovalPolicy.Auto)];
        ApprovalRule[] anyOutside = [Rule(1, "*", "recipients-any-outside:workspace", ApprovalPolicy.Approve)];
        const string arguments = """{"to":["bob@acme.com"]}""";

        Assert.Null(Decide(allIn, "gmail_send_email", SendEmail, arguments, []));
        Assert.NotNull(Decide(anyOutside, "gmail_send_email", SendEmail, arguments, []));
        Assert.NotNull(Decide(allIn, "gmail_send_email", SendEmail, arguments, ["ACME.com"]));
    }

    // Issue example 3: "deny any delete".
    [Theory]
    [InlineData("google_calendar_delete_event", true)]
    [InlineData("work_cal_delete_event", true)]
    [InlineData("gmail_send_email", false)]
    public void DenyAnyDelete_MatchesEveryToolWithDeleteInItsName(string tool, bool denied)
    {
        ApprovalRule[] rules = [Rule(1, "*delete*", "always", ApprovalPolicy.Deny)];

        Assert.Equal(denied, Decide(rules, tool, DeleteEvent, """{"event_id":"abc"}""") is { Effect: ApprovalPolicy.Deny });
    }

    [Fact]
    public void FirstMatchByPosition_Wins_WhateverTheListOrder()
    {
        ApprovalRule[] rules =
        [
            Rule(3, "*", "always", ApprovalPolicy.Approve),
            Rule(1, "*delete*", "always", ApprovalPolicy.Deny),
            Rule(2, "gmail_*", "recipients-all-in:acme.com", ApprovalPolicy.Auto),
        ];

        Assert.Equal(1, Decide(rules, "google_calendar_delete_event", DeleteEvent, "{}")!.Position);
        Assert.Equal(2, Decide(rules, "gmail_send_email", SendEmail, """{"to":["a@acme.com"]}""")!.Position);
        Assert.Equal(3, Decide(rules, "gmail_send_email", SendEmail, """{"to":["a@other.com"]}""")!.Position);
    }

    [Fact]
    public void NoRuleMatches_GivesNull()
    {
        ApprovalRule[] rules = [Rule(1, "gmail_send_email", "recipients-all-in:acme.com", ApprovalPolicy.Auto)];

        Assert.Null(Decide([], "gmail_send_email", SendEmail, """{"to":["a@acme.com"]}"""));
        Assert.Null(Decide(rules, "gmail_create_draft", SendEmail, """{"to":["a@acme.com"]}"""));
        Assert.Null(Decide(rules, "gmail_send_email", SendEmail, """{"to":["a@other.com"]}"""));
    }

    [Fact]
    public void RecipientConditions_OnAToolWithoutRecipients_NeverMatch()
    {
        ApprovalRule[] rules =
        [
            Rule(1, "*", "recipients-all-in:acme.com", ApprovalPolicy.Auto),
            Rule(2, "*", "recipients-any-outside:acme.com", ApprovalPolicy.Deny),
        ];

        // "to" is not a recipient argument of this action, so there are no recipients to judge.
        Assert.Null(Decide(rules, "rec_delete", DeleteEvent, """{"to":["eve@evil.com"]}"""));
    }

    [Theory]
    [InlineData("""{"to":["a@acme.com"],"cc":[42]}""")]
    [InlineData("""{"to":["a@acme.com"],"cc":[null]}""")]
    [InlineData("""{"to":["a@acme.com"],"cc":[{"address":"a@acme.com"}]}""")]
    public void NonAddressRecipients_CountAsOutside(string arguments)
    {
        ApprovalRule[] allIn = [Rule(1, "*", "recipients-all-in:acme.com", ApprovalPolicy.Auto)];
        ApprovalRule[] anyOutside = [Rule(1, "*", "recipients-any-outside:acme.com", ApprovalPolicy.Approve)];

        Assert.Null(Decide(allIn, "gmail_send_email", SendEmail, arguments));
        Assert.NotNull(Decide(anyOutside, "gmail_send_email", SendEmail, arguments));
    }

    [Fact]
    public void LoneStringRecipient_CountsAsOneRecipient()
    {
        ApprovalRule[] rules = [Rule(1, "*", "recipients-all-in:acme.com", ApprovalPolicy.Auto)];

        Assert.NotNull(Decide(rules, "gmail_send_email", SendEmail, """{"to":"a@acme.com"}"""));
        Assert.Null(Decide(rules, "gmail_send_email", SendEmail, """{"to":"a@evil.com"}"""));
    }

    [Theory]
    [InlineData("""{"send_updates":"none"}""", "argument:send_updates=none", true)]
    [InlineData("""{"send_updates":"None"}""", "argument:send_updates=none", false)]
    [InlineData("""{"send_updates":"all"}""", "argument:send_updates=none", false)]
    [InlineData("""{}""", "argument:send_updates=none", false)]
    [InlineData("""{"send_updates":null}""", "argument:send_updates=null", false)]
    [InlineData("""{"add_meet_link":true}""", "argument:add_meet_link=true", true)]
    [InlineData("""{"add_meet_link":false}""", "argument:add_meet_link=true", false)]
    [InlineData("""{"add_meet_link":"true"}""", "argument:add_meet_link=true", true)]
    [InlineData("""{"max_results":5}""", "argument:max_results=5", true)]
    [InlineData("""{"attendees":["none"]}""", "argument:attendees=none", false)]
    [InlineData("""{"title":""}""", "argument:title=", true)]
    public void ArgumentEquals_ComparesTheTopLevelValueExactly(string arguments, string condition, bool matches)
    {
        ApprovalRule[] rules = [Rule(1, "*", condition, ApprovalPolicy.Auto)];

        Assert.Equal(matches, Decide(rules, "google_calendar_create_event", CreateEvent, arguments) is not null);
    }

    [Fact]
    public void Evaluation_DoesNotChangeTheArguments()
    {
        var arguments = JsonNode.Parse("""{"to":["a@acme.com"],"body":"hi"}""")!.AsObject();
        var before = arguments.ToJsonString();

        RuleEvaluator.FirstMatch(SendToAcme, "gmail_send_email", SendEmail, arguments, AcmeDomains);

        Assert.Equal(before, arguments.ToJsonString());
    }

    private static ApprovalRule? Decide(IReadOnlyList<ApprovalRule> rules, string tool, ConnectorAction action, string arguments, string[]? workspaceDomains = null) =>
        RuleEvaluator.FirstMatch(rules, tool, action, JsonNode.Parse(arguments)!.AsObject(), workspaceDomains ?? AcmeDomains);

    private static ApprovalRule Rule(int position, string tool, string condition, ApprovalPolicy effect) =>
        new($"rul_{position}", "ws_test", position, tool, RuleCondition.Parse(condition), effect, null, DateTimeOffset.UnixEpoch);

    private static ConnectorAction Action(string name, string[] recipients) => new()
    {
        Name = name,
        Title = name,
        Description = name,
        InputSchema = JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone(),
        OutputSchema = JsonDocument.Parse("""{"type":"object"}""").RootElement.Clone(),
        Annotations = new ActionAnnotations(ReadOnly: false, Destructive: false, Idempotent: false),
        DefaultPolicy = ApprovalPolicy.Approve,
        Handler = NotRunHandler.Instance,
        RecipientArguments = recipients,
    };
}
