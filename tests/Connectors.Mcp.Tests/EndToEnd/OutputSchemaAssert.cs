using System.Text.Json;
using Json.Schema;
using ModelContextProtocol.Protocol;

namespace Connectors.Mcp.Tests.EndToEnd;

/// <summary>
/// Validates a result's structuredContent against the outputSchema the server published in tools/list, as strict
/// clients do (the TypeScript SDK rejects a mismatch). JSON Schema 2020-12, formats checked.
/// </summary>
public static class OutputSchemaAssert
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    public static void Valid(Tool tool, CallToolResult result)
    {
        Assert.True(tool.OutputSchema is { ValueKind: JsonValueKind.Object }, $"{tool.Name} publishes no outputSchema.");
        Assert.True(result.StructuredContent is { ValueKind: JsonValueKind.Object }, $"{tool.Name} returned no structuredContent: {result.Text()}");

        var schema = JsonSchema.Build(tool.OutputSchema!.Value, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"urn:e2e:{tool.Name}:{Guid.NewGuid():N}"));
        var evaluation = schema.Evaluate(result.StructuredContent!.Value, Options);
        Assert.True(evaluation.IsValid, $"structuredContent of {tool.Name} does not match its outputSchema:\n"
            + string.Join('\n', (evaluation.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}")))
            + $"\ncontent: {result.StructuredContent}\nschema: {tool.OutputSchema}");
    }
}
