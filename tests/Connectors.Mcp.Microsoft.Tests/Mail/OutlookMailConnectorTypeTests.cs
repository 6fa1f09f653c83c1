using System.Text.Json;
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
        Assert.Equal(["https://graph.microsoft.com/Mail.Read", "offline_access"], _type.Scopes);
    }

    [Fact]
    public void EveryAction_IsReadOnly_AndHasAHandlerForGraphClient()
    {
        foreach (var action in _type.Actions)
        {
            Assert.True(action.Annotations.ReadOnly, action.Name);
            Assert.Equal(ApprovalPolicy.Auto, action.DefaultPolicy);
            ActionHandler<GraphClient>.Of(action); // throws when the handler is for another client
        }
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
}
