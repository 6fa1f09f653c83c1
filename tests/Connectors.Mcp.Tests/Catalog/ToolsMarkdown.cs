using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Catalog;
using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>
/// Renders docs/tools.md from the published catalog: per tool its name, title, annotations, default policy,
/// description, an argument table from the input schema and a line on its output, then what each definition costs the
/// model's context (<see cref="ToolContextSize"/>). Schemas are read in declared order.
/// </summary>
internal static class ToolsMarkdown
{
    public static string Render(IReadOnlyList<PublishedTool> tools, IReadOnlyList<IConnectorType> types)
    {
        var md = new StringBuilder();
        md.AppendLine("# Tools");
        md.AppendLine();
        md.AppendLine("<!-- GENERATED FILE: do not edit. Written by ToolsMarkdownTests (tests/Connectors.Mcp.Tests/Catalog/). -->");
        md.AppendLine();
        md.AppendLine("> **Generated — do not edit by hand.** The test `ToolsMarkdownTests` (`tests/Connectors.Mcp.Tests/Catalog/`) builds this");
        md.AppendLine("> page from the tool catalog of a workspace that has one connector of every registered type, and fails when the");
        md.AppendLine("> committed page differs. After changing a tool, regenerate this page and the schema snapshots in");
        md.AppendLine("> `tests/Connectors.Mcp.Tests/__toolsnaps__/` with:");
        md.AppendLine(">");
        md.AppendLine("> ```sh");
        md.Append("> ").AppendLine(GoldenFiles.UpdateCommand);
        md.AppendLine("> ```");
        md.AppendLine();
        md.AppendLine("A workspace publishes meta tools and, for each active connector (and each one waiting for re-authorisation),");
        md.AppendLine("its type's actions as `{connector name}_{action}`. The connector name defaults to the type, as below");
        md.AppendLine("(`gmail_send_email`); `connector add SLUG gmail --name work_mail` publishes the same tools as `work_mail_send_email`.");
        md.AppendLine("An operator may publish only some of a connector's actions (`connector set-tools CONNECTOR_ID ACTION[,ACTION…]`, or");
        md.AppendLine("the console); the others are neither listed nor callable, and clients are sent `notifications/tools/list_changed`.");
        md.AppendLine("Schemas and annotations are published exactly as shown in the snapshots. The default approval policy holds until");
        md.AppendLine("`policy set SLUG TOOL auto|approve|deny` overrides it; a tool whose policy is `approve` may answer with");
        md.AppendLine("`{\"status\": \"pending_approval\", \"approval_id\": …, \"expires_at\": …}` instead of its result, and its `outputSchema`");
        md.AppendLine("admits both.");
        md.AppendLine();
        md.AppendLine("In the default tool mode (`all`) tools/list holds every tool below but `search_tools` and `call_tool`; in discovery");
        md.AppendLine("mode (`workspace set-tool-mode SLUG discovery`, or a key's or server's `--tool-mode discovery`) it holds only those");
        md.AppendLine("two, and the agent finds the others with `search_tools` and runs them with `call_tool` — the same pipeline, approvals");
        md.AppendLine("and audit rows as a direct call. Either way a session may call exactly the tools its scope allows. When to use which:");
        md.AppendLine("the README's \"Discovery mode\".");
        md.AppendLine();
        md.AppendLine("| Tool | Title | Annotations | Default policy |");
        md.AppendLine("|---|---|---|---|");
        foreach (var tool in tools)
        {
            md.Append("| [`").Append(tool.Name).Append("`](#").Append(tool.Name).Append(") | ").Append(Cell(tool.Catalog.Title))
                .Append(" | ").Append(Annotations(tool.Catalog.Annotations)).Append(" | ").Append(Policy(tool.Catalog.Policy)).AppendLine(" |");
        }

        md.AppendLine();
        md.AppendLine("## Meta tools");
        md.AppendLine();
        md.AppendLine("Every workspace has these, whatever its connectors (`search_tools` and `call_tool` in discovery mode only).");
        foreach (var tool in tools.Where(t => t.Catalog.Meta is not null))
        {
            AppendTool(md, tool);
        }

        foreach (var type in types)
        {
            md.AppendLine();
            md.Append("## ").Append(type.DisplayName).Append(" (`").Append(type.Type).AppendLine("`)");
            md.AppendLine();
            md.AppendLine(type.Description);
            md.AppendLine();
            md.Append("Provider `").Append(type.Provider).Append("` · scopes: ").Append(string.Join(", ", type.Scopes.Select(s => $"`{s}`")))
                .Append(" · settings: ").AppendLine(string.Join(", ", type.SettingKeys.Select(s => $"`{s}`")));
            foreach (var tool in tools.Where(t => t.Catalog.ConnectorType == type))
            {
                AppendTool(md, tool);
            }
        }

        AppendContextSizes(md, tools);
        return md.ToString().ReplaceLineEndings("\n");
    }

    private static void AppendContextSizes(StringBuilder md, IReadOnlyList<PublishedTool> tools)
    {
        // What "all" mode lists; the discovery tools are listed instead of these, never with them.
        var sizes = tools.Where(t => !ToolVisibility.IsDiscoveryTool(t.Catalog)).Select(t => (t.Name, Characters: ToolContextSize.Characters(t))).ToList();
        var total = sizes.Sum(s => s.Characters);
        var average = (int)Math.Round(total / (double)sizes.Count, MidpointRounding.AwayFromZero);
        md.AppendLine();
        md.AppendLine("## Context size");
        md.AppendLine();
        md.AppendLine("What each tool costs the model's context on every turn: the compact JSON of its `name`, `description` and");
        md.AppendLine("`inputSchema` (what a client turns into a function definition; title, annotations and outputSchema are not sent");
        md.Append("to the model), tokens estimated at ").Append(ToolContextSize.CharactersPerToken).AppendLine(" characters each. `ToolContextSizeTests` fails when the average");
        md.Append("exceeds ").Append(ToolContextSize.AverageBudget.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))
            .Append(" characters or any tool exceeds ").Append(ToolContextSize.PerToolCeiling.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))
            .AppendLine(" (see `ToolContextSize` for why these numbers). The table is what tools/list holds in the default mode;");
        md.AppendLine("in discovery mode it holds only `search_tools` and `call_tool`, whose whole tools/list entries (title, annotations and");
        md.AppendLine("output schemas included) `DiscoveryModeHttpTests` holds to 2,000 characters whatever the catalog.");
        md.AppendLine();
        md.AppendLine("| Tool | Characters | ≈ Tokens |");
        md.AppendLine("|---|---:|---:|");
        foreach (var (name, characters) in sizes)
        {
            md.Append("| `").Append(name).Append("` | ").Append(characters).Append(" | ").Append(ToolContextSize.Tokens(characters)).AppendLine(" |");
        }

        md.Append("| **Total** (").Append(sizes.Count).Append(" tools) | ").Append(total).Append(" | ").Append(ToolContextSize.Tokens(total)).AppendLine(" |");
        md.Append("| **Average** | ").Append(average).Append(" | ").Append(ToolContextSize.Tokens(average)).AppendLine(" |");
    }

    private static void AppendTool(StringBuilder md, PublishedTool tool)
    {
        var catalogTool = tool.Catalog;
        md.AppendLine();
        md.Append("### `").Append(tool.Name).AppendLine("`");
        md.AppendLine();
        md.Append("**").Append(catalogTool.Title).Append("** · ").Append(Annotations(catalogTool.Annotations))
            .Append(" · default policy: ").AppendLine(Policy(catalogTool.Policy));
        md.AppendLine();
        md.AppendLine(catalogTool.Description);
        md.AppendLine();

        var input = Node(catalogTool.InputSchema);
        var properties = input["properties"] as JsonObject ?? [];
        var required = Strings(input["required"]);
        if (properties.Count == 0)
        {
            md.AppendLine("Arguments: none.");
        }
        else
        {
            md.AppendLine("| Argument | Type | Required | Description |");
            md.AppendLine("|---|---|---|---|");
            foreach (var (name, value) in properties)
            {
                var schema = Resolved(value as JsonObject ?? [], input);
                md.Append("| `").Append(name).Append("` | ").Append(Cell(TypeText(schema, input))).Append(" | ")
                    .Append(required.Contains(name) ? "yes" : "no").Append(" | ").Append(Cell(Text(schema["description"]) ?? "")).AppendLine(" |");
            }
        }

        if (input["anyOf"] is JsonArray alternatives && alternatives.All(a => a is JsonObject o && o.Count == 1 && o.ContainsKey("required")))
        {
            md.AppendLine();
            md.Append("Give at least one of ")
                .Append(string.Join(", ", alternatives.SelectMany(a => Strings(a!["required"])).Select(n => $"`{n}`"))).AppendLine(".");
        }

        md.AppendLine();
        var declared = catalogTool.Action?.OutputSchema ?? catalogTool.OutputSchema;
        md.Append("Output (`structuredContent`): ").Append(Fields(Node(declared))).AppendLine(".");
        if (catalogTool.Policy == ApprovalPolicy.Approve)
        {
            md.AppendLine();
            md.Append("While a person has not decided: ").Append(Fields(Node(ToolSchemas.PendingApproval)))
                .AppendLine("; then `get_approval` reports the outcome.");
        }
    }

    private static string Annotations(ActionAnnotations annotations)
    {
        var parts = new List<string> { annotations.ReadOnly ? "read-only" : "writes" };
        if (annotations.Destructive && !annotations.ReadOnly)
        {
            parts.Add("destructive");
        }

        if (annotations.Idempotent)
        {
            parts.Add("idempotent");
        }

        if (annotations.OpenWorld)
        {
            parts.Add("open world");
        }

        return string.Join(" · ", parts);
    }

    private static string Policy(ApprovalPolicy policy) => $"`{policy.ToString().ToLowerInvariant()}`";

    /// <summary>The top-level output fields: <c>`name` (type)</c>, and the fields of array items one level down.</summary>
    private static string Fields(JsonObject schema)
    {
        var properties = schema["properties"] as JsonObject ?? [];
        var required = Strings(schema["required"]);
        return string.Join(", ", properties.Select(p =>
        {
            var field = Resolved(p.Value as JsonObject ?? [], schema);
            var text = $"`{p.Key}` ({TypeName(field)}" + (Text(field["format"]) is { } format ? $", {format}" : "");
            if (field["items"] is JsonObject items && Resolved(items, schema)["properties"] is JsonObject itemFields)
            {
                text += ": " + string.Join(", ", itemFields.Select(f => $"`{f.Key}`"));
            }

            return text + (required.Contains(p.Key) ? ")" : ", optional)");
        }));
    }

    /// <summary>A short type with its constraints, e.g. <c>integer, 1–100, default 20</c>.</summary>
    private static string TypeText(JsonObject schema, JsonObject root)
    {
        var parts = new List<string> { TypeName(schema, root) };
        if (Text(schema["format"]) is { } format)
        {
            parts.Add($"format {format}");
        }

        AddRange(parts, schema, "minLength", "maxLength", " characters");
        AddRange(parts, schema, "minimum", "maximum", "");
        AddRange(parts, schema, "minItems", "maxItems", " items");
        if (schema["uniqueItems"]?.GetValueKind() == JsonValueKind.True)
        {
            parts.Add("unique");
        }

        if (schema["items"] is JsonObject items && Resolved(items, root) is var item && item["pattern"] is not null)
        {
            parts.Add($"each {PatternText(item)}");
        }

        if (schema["pattern"] is not null)
        {
            parts.Add(PatternText(schema));
        }

        if (schema["default"] is { } defaultValue)
        {
            parts.Add($"default `{defaultValue.ToJsonString()}`");
        }

        return string.Join(", ", parts);
    }

    private static string TypeName(JsonObject schema, JsonObject? root = null)
    {
        if (schema["const"] is { } constant)
        {
            return $"`{constant.ToJsonString()}`";
        }

        if (schema["enum"] is JsonArray values)
        {
            return string.Join(" or ", values.Select(v => $"`{v?.ToJsonString()}`"));
        }

        var types = schema["type"] switch
        {
            JsonArray many => many.Select(t => Text(t) ?? "?").ToList(),
            JsonValue one when Text(one) is { } single => [single],
            _ => ["any"],
        };
        return string.Join(" or ", types.Select(t =>
        {
            if (t != "array" || schema["items"] is not JsonObject items)
            {
                return t;
            }

            var item = root is null ? items : Resolved(items, root);
            var itemText = TypeName(item, root);
            return Text(item["format"]) is { } format ? $"array of {itemText} ({format})" : $"array of {itemText}";
        }));
    }

    private static string PatternText(JsonObject schema) => $"pattern `{Text(schema["pattern"])}`";

    private static void AddRange(List<string> parts, JsonObject schema, string minKey, string maxKey, string unit)
    {
        var min = schema[minKey]?.ToJsonString();
        var max = schema[maxKey]?.ToJsonString();
        if (min is not null && max is not null)
        {
            parts.Add($"{min}–{max}{unit}");
        }
        else if (min is not null)
        {
            parts.Add($"≥ {min}{unit}");
        }
        else if (max is not null)
        {
            parts.Add($"≤ {max}{unit}");
        }
    }

    /// <summary>A schema with a local <c>$ref</c> replaced by its target, the referring schema's own keywords kept on top.</summary>
    private static JsonObject Resolved(JsonObject schema, JsonObject root)
    {
        if (Text(schema["$ref"]) is not { } reference || !reference.StartsWith("#/", StringComparison.Ordinal))
        {
            return schema;
        }

        JsonNode? target = root;
        foreach (var token in reference[2..].Split('/'))
        {
            target = target?[token.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        if (target is not JsonObject resolved)
        {
            return schema;
        }

        var merged = (JsonObject)resolved.DeepClone();
        foreach (var (key, value) in schema.Where(p => p.Key != "$ref"))
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }

    private static JsonObject Node(JsonElement schema) => JsonNode.Parse(schema.GetRawText())!.AsObject();

    private static HashSet<string> Strings(JsonNode? node) =>
        node is JsonArray array ? array.Select(Text).OfType<string>().ToHashSet(StringComparer.Ordinal) : [];

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    /// <summary>Table-cell text: one line, pipes escaped.</summary>
    private static string Cell(string text) =>
        text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal).Trim();
}
