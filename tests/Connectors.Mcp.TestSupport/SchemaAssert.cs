using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;
using Json.Schema;

namespace Connectors.Mcp.TestSupport;

/// <summary>Validates results against declared output schemas with JsonSchema.Net (JSON Schema 2020-12).</summary>
public static class SchemaAssert
{
    public static void MatchesOutputSchema(ConnectorAction action, JsonObject result) => Matches(action.OutputSchema, result, $"{action.Name} output");

    public static void Matches(JsonElement schemaElement, JsonNode instance, string what)
    {
        var schema = JsonSchema.Build(schemaElement);
        var results = schema.Evaluate(JsonSerializer.SerializeToElement(instance), new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, $"{what} does not match its schema: {Describe(results)}\n{instance.ToJsonString()}");
    }

    public static string Describe(EvaluationResults results) =>
        string.Join("; ", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")));
}
