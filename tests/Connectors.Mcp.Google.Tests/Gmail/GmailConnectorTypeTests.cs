using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Connectors.Mcp.Google.Gmail;
using Connectors.Mcp.Google.Tests.TestSupport;
using Json.Schema;

namespace Connectors.Mcp.Google.Tests.Gmail;

public sealed class GmailConnectorTypeTests
{
    private static readonly GmailConnectorType Type = new();

    public static TheoryData<string> ActionNames() => new(Type.Actions.Select(a => a.Name));

    [Fact]
    public void Type_DeclaresGmailForGoogleWithEndpointSettings()
    {
        Assert.Equal("gmail", Type.Type);
        Assert.Equal("google", Type.Provider);
        Assert.Equal(["api_base_url", "token_url", "auth_url", "revoke_url"], Type.SettingKeys);
        Assert.Equal(["https://www.googleapis.com/auth/gmail.modify"], Type.Scopes);
        Assert.Equal(
            ["search_inbox", "get_message", "send_email", "create_draft", "list_labels", "modify_labels"],
            Type.Actions.Select(a => a.Name));
    }

    [Theory]
    [MemberData(nameof(ActionNames))]
    public void Schemas_AreValidDraft202012ObjectsWithoutAdditionalProperties(string name)
    {
        var action = Type.Actions.Single(a => a.Name == name);
        foreach (var (label, schema) in new[] { ("input", action.InputSchema), ("output", action.OutputSchema) })
        {
            var meta = MetaSchemas.Draft202012.Evaluate(schema, new EvaluationOptions { OutputFormat = OutputFormat.List });
            Assert.True(meta.IsValid, $"{name} {label} schema is not valid JSON Schema 2020-12: {SchemaAssert.Describe(meta)}");
            _ = JsonSchema.Build(schema);

            Assert.Equal("object", schema.GetProperty("type").GetString());
            foreach (var (path, node) in ObjectSchemas(JsonNode.Parse(schema.GetRawText())!, "#"))
            {
                Assert.True(
                    node["additionalProperties"] is JsonValue v && v.GetValueKind() == JsonValueKind.False,
                    $"{name} {label} schema at {path} must say additionalProperties: false");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ActionNames))]
    public void EveryAction_HasAHandlerForTheGmailApi(string name) =>
        Assert.IsAssignableFrom<ActionHandler<GmailApi>>(Type.Actions.Single(a => a.Name == name).Handler);

    [Fact]
    public void RecipientArguments_NameTheAddressArraysOfTheInputSchema()
    {
        Assert.Equal(["to", "cc", "bcc"], Type.Actions.Single(a => a.Name == "send_email").RecipientArguments);
        Assert.Equal(["to", "cc", "bcc"], Type.Actions.Single(a => a.Name == "create_draft").RecipientArguments);
        Assert.All(Type.Actions.Where(a => a.Name is not ("send_email" or "create_draft")), a => Assert.Empty(a.RecipientArguments));
        foreach (var action in Type.Actions)
        {
            var schema = JsonNode.Parse(action.InputSchema.GetRawText())!;
            foreach (var name in action.RecipientArguments)
            {
                // Approval rules read exactly these: each must be an array of strings (bare addresses) in the schema.
                var property = schema["properties"]![name];
                Assert.True(property is not null, $"{action.Name} declares recipient argument {name}, which its schema lacks");
                if (property["$ref"]?.GetValue<string>() is { } reference)
                {
                    property = schema["$defs"]![reference["#/$defs/".Length..]]!;
                }

                Assert.Equal("array", property["type"]!.GetValue<string>());
                Assert.Equal("string", property["items"]!["type"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public void Annotations_AndPolicies_MatchWhatEachActionDoes()
    {
        AssertAction("search_inbox", readOnly: true, destructive: false, idempotent: true, ApprovalPolicy.Auto);
        AssertAction("get_message", readOnly: true, destructive: false, idempotent: true, ApprovalPolicy.Auto);
        AssertAction("list_labels", readOnly: true, destructive: false, idempotent: true, ApprovalPolicy.Auto);
        AssertAction("send_email", readOnly: false, destructive: false, idempotent: false, ApprovalPolicy.Approve);
        AssertAction("create_draft", readOnly: false, destructive: false, idempotent: false, ApprovalPolicy.Auto);
        AssertAction("modify_labels", readOnly: false, destructive: true, idempotent: true, ApprovalPolicy.Auto);
        Assert.All(Type.Actions, a => Assert.True(a.Annotations.OpenWorld));
        Assert.Equal(["subject", "body", "html_body"], Type.Actions.Single(a => a.Name == "send_email").ContentArguments);
        Assert.Equal(["subject", "body", "html_body"], Type.Actions.Single(a => a.Name == "create_draft").ContentArguments);
    }

    [Fact]
    public void ModifyLabelsDescription_ExplainsArchiveAndMarkRead()
    {
        var description = Type.Actions.Single(a => a.Name == "modify_labels").Description;
        Assert.Contains("Archive = remove INBOX", description);
        Assert.Contains("mark read = remove UNREAD", description);
    }

    [Fact]
    public void SendDescribe_ShowsRecipientsSubjectFirstBodyLinesAndReplyContext()
    {
        var describe = Type.Actions.Single(a => a.Name == "send_email").Describe!;
        var text = describe(new JsonObject
        {
            ["to"] = new JsonArray("alice@example.com", "bob@example.com"),
            ["cc"] = new JsonArray("carol@example.com"),
            ["bcc"] = new JsonArray("dave@example.com"),
            ["subject"] = "Quarterly numbers",
            ["body"] = "line 1\nline 2\nline 3\nline 4\nline 5\nline 6\nline 7",
            ["reply_to_message_id"] = "18c0ffee",
        });

        Assert.Contains("To: alice@example.com, bob@example.com", text);
        Assert.Contains("Cc: carol@example.com", text);
        Assert.Contains("Bcc: dave@example.com", text);
        Assert.Contains("Subject: Quarterly numbers", text);
        Assert.Contains("line 5", text);
        Assert.DoesNotContain("line 6", text);
        Assert.Contains("2 more lines", text);
        Assert.Contains("In reply to Gmail message 18c0ffee", text);
        Assert.Contains("From: the connected Gmail account", text);
    }

    [Theory]
    [InlineData("send_email", "Send this email")]
    [InlineData("create_draft", "nothing is sent")]
    public void Describe_SaysWhetherItSends(string action, string expected)
    {
        var text = Type.Actions.Single(a => a.Name == action).Describe!(new JsonObject
        {
            ["to"] = new JsonArray("alice@example.com"), ["subject"] = "Hi", ["body"] = "Hello",
        });
        Assert.Contains(expected, text);
    }

    private static void AssertAction(string name, bool readOnly, bool destructive, bool idempotent, ApprovalPolicy policy)
    {
        var action = Type.Actions.Single(a => a.Name == name);
        Assert.Equal(readOnly, action.Annotations.ReadOnly);
        Assert.Equal(readOnly, action.IsReadOnly);
        Assert.Equal(destructive, action.Annotations.Destructive);
        Assert.Equal(idempotent, action.Annotations.Idempotent);
        Assert.Equal(policy, action.DefaultPolicy);
    }

    /// <summary>Every subschema that declares <c>properties</c> (objects), with its JSON pointer.</summary>
    private static IEnumerable<(string Path, JsonObject Node)> ObjectSchemas(JsonNode node, string path)
    {
        if (node is JsonObject obj)
        {
            if (obj.ContainsKey("properties"))
            {
                yield return (path, obj);
            }

            foreach (var (key, child) in obj)
            {
                if (child is not null && key is not "properties")
                {
                    foreach (var found in ObjectSchemas(child, $"{path}/{key}"))
                    {
                        yield return found;
                    }
                }
                else if (child is JsonObject properties)
                {
                    foreach (var (propertyName, propertySchema) in properties)
                    {
                        foreach (var found in ObjectSchemas(propertySchema!, $"{path}/properties/{propertyName}"))
                        {
                            yield return found;
                        }
                    }
                }
            }
        }
        else if (node is JsonArray array)
        {
            for (var i = 0; i < array.Count; i++)
            {
                foreach (var found in ObjectSchemas(array[i]!, $"{path}/{i}"))
                {
                    yield return found;
                }
            }
        }
    }
}
