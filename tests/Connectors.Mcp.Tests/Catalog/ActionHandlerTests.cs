using System.Reflection;
using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>
/// Every action of every registered connector type carries its handler, and no connector dispatches on action names:
/// a new action is one file and one entry in its type's list.
/// </summary>
public sealed class ActionHandlerTests(PublishedCatalogFixture fixture) : IClassFixture<PublishedCatalogFixture>
{
    [Fact]
    public void EveryRegisteredAction_HasAHandler_ForItsConnectorTypesOneClient()
    {
        Assert.NotEmpty(fixture.ConnectorTypes);
        foreach (var type in fixture.ConnectorTypes)
        {
            Assert.NotEmpty(type.Actions);
            Assert.All(type.Actions, a => Assert.True(a.Handler is not null, $"{type.Type}.{a.Name} has no handler"));
            var clients = type.Actions.Select(a => a.Handler.ClientType).Distinct().ToList();
            Assert.True(clients.Count == 1, $"{type.Type}'s actions run on {clients.Count} different clients ({string.Join(", ", clients.Select(c => c.Name))}); its connector hands them one.");
        }
    }

    [Fact]
    public void NoConnector_TakesAnActionName()
    {
        // A connector is handed a parsed request (its action and that action's handler), never a name to switch on.
        var connectorClasses = fixture.ConnectorTypes
            .Select(t => t.GetType().Assembly)
            .Append(typeof(IConnector).Assembly)
            .Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(IConnector).IsAssignableFrom(t) || typeof(IWriteOutcomeResolver).IsAssignableFrom(t))
            .ToList();
        Assert.Contains(connectorClasses, t => t.Name == "GmailConnector");

        var byName = connectorClasses
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static))
            .Where(m => m.GetParameters().Any(p => p.ParameterType == typeof(string) && p.Name is "action" or "actionName"))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.True(byName.Count == 0, $"These take an action name: {string.Join(", ", byName)}");
    }
}
