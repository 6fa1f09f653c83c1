using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Connectors;
using Json.Schema;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>
/// Rules every published tool keeps, whatever connector declares it: closed input objects, object outputs, described
/// tools and arguments, names MCP clients accept, patterns and references that Ajv-based clients (the TypeScript SDK)
/// compile, input schemas that bound every array and object, and gated tools whose output schema admits the
/// pending-approval result.
/// </summary>
public sealed partial class PublishedToolChecksTests(PublishedCatalogFixture catalog) : IClassFixture<PublishedCatalogFixture>
{
    /// <summary>The longest connector name the store accepts (SqliteConnectorStore: <c>^[a-z][a-z0-9_]{0,31}\z</c>).</summary>
    private const int LongestConnectorName = 32;

    /// <summary>
    /// Arguments whose name and schema say all a model needs (a bounded title, a Cc list, a page size): a description
    /// would only repeat them and cost context on every turn. Any other argument needs a description.
    /// </summary>
    private static readonly HashSet<string> SelfDescribingArguments =
    [
        "title", "location", "cc", "bcc", "duration_minutes", "add_label_ids", "remove_label_ids", "add_meet_link",
        "add_teams_meeting", "unread_only", "max_results", "working_hours", "working_days",
    ];

    private const string PendingApprovalResult = """{"status":"pending_approval","approval_id":"apr_x","expires_at":"2026-11-26T09:00:00.000Z"}""";

    [Fact]
    public void InputSchemas_AreObjectsWithoutAdditionalProperties()
    {
        AssertNoProblems(catalog.Tools.SelectMany(tool =>
        {
            var schema = tool.Json["inputSchema"];
            var problems = new List<string>();
            if (Text(schema?["type"]) != "object")
            {
                problems.Add($"{tool.Name}: inputSchema.type is {schema?["type"]?.ToJsonString() ?? "missing"}, must be \"object\".");
            }

            if (schema?["additionalProperties"]?.GetValueKind() != JsonValueKind.False)
            {
                problems.Add($"{tool.Name}: inputSchema.additionalProperties is {schema?["additionalProperties"]?.ToJsonString() ?? "missing"}, must be false (unknown arguments are rejected).");
            }

            return problems;
        }));
    }

    /// <summary>
    /// Every array in every published input schema has maxItems, every map-like object maxProperties, both within the
    /// size pre-check's limits, and no argument admits any JSON value: a new tool cannot forget a bound.
    /// </summary>
    [Fact]
    public void InputSchemas_BoundEveryArrayAndObject()
    {
        var arrays = catalog.Tools.Sum(tool => SchemaWalker.Subschemas(tool.Json["inputSchema"]).Count(s => s.Schema["maxItems"] is not null));

        AssertNoProblems(catalog.Tools
            .SelectMany(tool => SchemaBounds.Problems(tool.Json["inputSchema"]).Select(p => $"{tool.Name}: inputSchema {p}"))
            .Where(p => !IsCallToolPassThrough(p)));
        Assert.True(arrays >= 8, $"Only {arrays} bounded arrays were found in the published input schemas: the walker is not looking where they are.");
    }

    /// <summary>
    /// The one value position that may hold any JSON value: call_tool's <c>arguments</c>, handed on to the tool it names,
    /// whose own input schema (and the size pre-check) then checks them exactly as on a direct call. Still bounded in count.
    /// </summary>
    private static bool IsCallToolPassThrough(string problem) =>
        problem == "call_tool: inputSchema #/properties/arguments: its other properties may hold any JSON value; set \"additionalProperties\" to false or to a schema with a type.";

    [Fact]
    public void OutputSchemas_AreObjects()
    {
        AssertNoProblems(catalog.Tools
            .Where(tool => Text(tool.Json["outputSchema"]?["type"]) != "object")
            .Select(tool => $"{tool.Name}: outputSchema.type is {tool.Json["outputSchema"]?["type"]?.ToJsonString() ?? "missing"}, must be \"object\" (structuredContent is an object)."));
    }

    [Fact]
    public void ToolsArgumentsAndSchemaDescriptions_AreNotEmpty()
    {
        AssertNoProblems(catalog.Tools.SelectMany(tool =>
        {
            var problems = new List<string>();
            foreach (var field in new[] { "title", "description" })
            {
                if (string.IsNullOrWhiteSpace(Text(tool.Json[field])))
                {
                    problems.Add($"{tool.Name}: {field} is empty.");
                }
            }

            if (tool.Json["inputSchema"]?["properties"] is JsonObject arguments)
            {
                problems.AddRange(arguments
                    .Where(a => a.Value is not JsonObject argument || (string.IsNullOrWhiteSpace(Text(argument["description"])) && !SelfDescribingArguments.Contains(a.Key)))
                    .Select(a => $"{tool.Name}: argument '{a.Key}' has no description (agents choose arguments by it)."));
            }

            foreach (var part in new[] { "inputSchema", "outputSchema" })
            {
                problems.AddRange(SchemaWalker.Subschemas(tool.Json[part])
                    .Where(s => s.Schema.ContainsKey("description") && string.IsNullOrWhiteSpace(Text(s.Schema["description"])))
                    .Select(s => $"{tool.Name}: {part} {s.Path}/description is empty or not a string."));
            }

            return problems;
        }));
    }

    [Fact]
    public void ToolNames_FitWhatMcpClientsAccept()
    {
        AssertNoProblems(catalog.Tools
            .Where(tool => !ToolName().IsMatch(tool.Name))
            .Select(tool => $"{tool.Name}: does not match ^[a-zA-Z0-9_-]{{1,64}}$ (clients refuse such tool names)."));
    }

    [Fact]
    public void ActionNames_FitEvenUnderTheLongestConnectorName()
    {
        var longest = LongestConnectorName + 1;
        AssertNoProblems(catalog.ConnectorTypes.SelectMany(type => type.Actions
            .Where(action => longest + action.Name.Length > 64 || !ToolName().IsMatch(action.Name))
            .Select(action => $"{type.Type}.{action.Name}: a connector named with {LongestConnectorName} characters would publish a tool name of {longest + action.Name.Length} characters; MCP clients accept 64.")));
    }

    [Fact]
    public void Patterns_AreRegexesEcmaScriptAlsoAccepts()
    {
        var checkedPatterns = 0;
        var problems = new List<string>();
        foreach (var tool in catalog.Tools)
        {
            foreach (var part in new[] { "inputSchema", "outputSchema" })
            {
                foreach (var (schema, path) in SchemaWalker.Subschemas(tool.Json[part]))
                {
                    var patterns = new List<(string Where, string Pattern)>();
                    if (schema["pattern"] is { } pattern)
                    {
                        patterns.Add(($"{path}/pattern", Text(pattern) ?? ""));
                    }

                    if (schema["patternProperties"] is JsonObject patternProperties)
                    {
                        patterns.AddRange(patternProperties.Select(p => ($"{path}/patternProperties", p.Key)));
                    }

                    foreach (var (where, regex) in patterns)
                    {
                        checkedPatterns++;
                        problems.AddRange(EcmaScriptPattern.Problems(regex).Select(p => $"{tool.Name}: {part} {where} \"{regex}\": {p}"));
                    }
                }
            }
        }

        AssertNoProblems(problems);
        Assert.True(checkedPatterns > 0, "No pattern was found in any published schema: the walker is not looking where the patterns are.");
    }

    [Fact]
    public void References_ResolveInsideTheirSchema()
    {
        AssertNoProblems(catalog.Tools.SelectMany(tool => new[] { "inputSchema", "outputSchema" }
            .SelectMany(part => SchemaReferences.Problems(tool.Json[part]).Select(p => $"{tool.Name}: {part} {p}"))));
    }

    [Fact]
    public void GatedTools_OutputSchemaAdmitsThePendingApprovalResult()
    {
        var gated = catalog.Tools.Where(t => t.Catalog.Policy == ApprovalPolicy.Approve).ToList();
        Assert.Contains(gated, t => t.Name == "gmail_send_email");

        var pending = JsonDocument.Parse(PendingApprovalResult).RootElement;
        AssertNoProblems(gated.SelectMany(tool => Violations(tool, pending).Select(v => $"{tool.Name}: the pending-approval result does not validate: {v}")));
    }

    [Fact]
    public void GatedSendEmail_OutputSchemaStillAdmitsTheSentResultAndNothingHalfway()
    {
        var tool = catalog.Tool("gmail_send_email");
        var sent = JsonDocument.Parse("""{"id":"18c2a","thread_id":"18c2a","message_id_header":"<a1@mail.example>"}""").RootElement;
        var mixed = JsonDocument.Parse("""{"status":"pending_approval","approval_id":"apr_x","expires_at":"2026-11-26T09:00:00.000Z","id":"18c2a"}""").RootElement;

        Assert.Empty(Violations(tool, sent));
        Assert.NotEmpty(Violations(tool, mixed));
    }

    /// <summary>Validates with JsonSchema.Net (2020-12) the published schema itself, formats enforced as Ajv with ajv-formats does.</summary>
    private static List<string> Violations(PublishedTool tool, JsonElement instance)
    {
        var schema = JsonSchema.Build(JsonSerializer.SerializeToElement(tool.Json["outputSchema"]), new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"urn:toolsnaps:{tool.Name}:output"));
        var results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
        return results.IsValid
            ? []
            : (results.Details ?? []).Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.EvaluationPath} at '{d.InstanceLocation}': {e.Key} {e.Value}"))
                .DefaultIfEmpty("invalid")
                .ToList();
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static void AssertNoProblems(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, $"{list.Count} problem(s) in the published tools:\n{string.Join("\n", list)}");
    }

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex ToolName();

    [Theory]
    [InlineData("gmail_get_message", """{"message_id":"abc\n"}""", "message_id")]
    [InlineData("gmail_send_email", """{"to":["a@b.example\n"],"subject":"s","body":"b"}""", "to[0]")]
    [InlineData("gmail_modify_labels", """{"message_id":"abc","add_label_ids":["INBOX\n"]}""", "add_label_ids[0]")]
    public void Patterns_RejectATrailingNewline(string tool, string arguments, string field)
    {
        // In .NET, `$` also matches before a final newline; the schema validation (JsonSchema.Net) runs on .NET.
        var problems = catalog.Tool(tool).Catalog.Validator.Validate(JsonDocument.Parse(arguments).RootElement);
        Assert.Contains(problems, p => p.StartsWith(field, StringComparison.Ordinal));
    }

    [Fact]
    public void GatedTool_OutputSchemaWithDefinitions_KeepsReferencesResolvable()
    {
        var declared = JsonDocument.Parse("""
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "$defs": { "id": { "type": "string", "minLength": 1 } },
              "properties": { "id": { "$ref": "#/$defs/id" } },
              "required": ["id"],
              "additionalProperties": false
            }
            """).RootElement;

        var published = ToolSchemas.WithPendingApproval(declared);
        var schema = JsonSchema.Build(published, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri("urn:test:gated-defs"));

        Assert.True(schema.Evaluate(JsonDocument.Parse("""{"id":"x"}""").RootElement).IsValid);
        Assert.False(schema.Evaluate(JsonDocument.Parse("""{"id":""}""").RootElement).IsValid);
        Assert.True(schema.Evaluate(JsonDocument.Parse(PendingApprovalResult).RootElement).IsValid);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", published.GetProperty("$schema").GetString());
        Assert.False(published.GetProperty("anyOf")[0].TryGetProperty("$schema", out _));
    }
}
