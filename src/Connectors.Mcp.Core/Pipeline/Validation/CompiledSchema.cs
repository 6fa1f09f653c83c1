using System.Text.Json;
using Json.Schema;

namespace Connectors.Mcp.Core.Pipeline.Validation;

/// <summary>
/// A tool's input schema compiled by the schema library (JsonSchema.Net), with the evaluation options. Its own type so
/// that <see cref="ArgumentValidator"/> mentions no type of that library: loading the validator (when a catalog is built
/// for tools/list) does not load the library; the first validation does.
/// </summary>
internal sealed class CompiledSchema(JsonElement schema, string schemaId)
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly JsonSchema _schema = JsonSchema.Build(schema, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"urn:connectors-mcp:{schemaId}"));

    public EvaluationResults Evaluate(JsonElement arguments) => _schema.Evaluate(arguments, Options);
}
