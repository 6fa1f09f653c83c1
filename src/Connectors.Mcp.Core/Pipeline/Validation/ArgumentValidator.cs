using System.Text;
using System.Text.Json;
using Json.Schema;

namespace Connectors.Mcp.Core.Pipeline.Validation;

/// <summary>
/// A tool's input schema compiled once (JSON Schema 2020-12). Evaluation names each error's argument, e.g.
/// <c>to[1]: …</c> or <c>unknown argument 'foo'</c>, and reports a bounded list (<see cref="ProblemList"/>). Run it on
/// arguments within <see cref="ArgumentLimits"/> only: the schema library's own costs grow with the document (its
/// uniqueItems error lists every duplicate index pair).
/// The schema's shape is checked at construction; the compiled schema is built on the first <see cref="Validate"/>, so
/// listing tools (which builds a workspace's catalog, hence its validators) neither loads the schema library nor
/// compiles schemas no call has used yet — what a server's cold start (spawn → tools/list) pays.
/// </summary>
public sealed class ArgumentValidator
{
    /// <summary>Longest field name quoted in a problem line (an unknown property's name can be a megabyte long).</summary>
    private const int MaxQuotedField = 100;

    private readonly Lazy<CompiledSchema> _schema;

    public ArgumentValidator(JsonElement schema, string schemaId)
    {
        if (schema.ValueKind != JsonValueKind.Object
            || !schema.TryGetProperty("type", out var type) || type.GetString() != "object"
            || !schema.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
        {
            throw new InvalidOperationException($"Input schema '{schemaId}' must be an object schema with \"additionalProperties\": false.");
        }

        var kept = schema.Clone(); // a no-op for elements of a document nobody disposes; a copy otherwise
        _schema = new Lazy<CompiledSchema>(() => new CompiledSchema(kept, schemaId), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>
    /// The problems with <paramref name="arguments"/>, one readable line each (at most <see cref="ProblemList.MaxShown"/>,
    /// then one saying how many more); empty when valid.
    /// </summary>
    public IReadOnlyList<string> Validate(JsonElement arguments)
    {
        if (arguments.ValueKind != JsonValueKind.Object)
        {
            return [$"arguments must be a JSON object, got {arguments.ValueKind.ToString().ToLowerInvariant()}"];
        }

        var results = _schema.Value.Evaluate(arguments);
        if (results.IsValid)
        {
            return [];
        }

        // A hostile call can fail thousands of times (the size limits keep it to thousands, not millions): every distinct
        // problem is counted, ten are shown.
        var problems = new ProblemList();
        foreach (var detail in results.Details ?? [])
        {
            if (detail.Errors is null)
            {
                continue;
            }

            foreach (var (keyword, message) in detail.Errors)
            {
                var field = FieldName(detail.InstanceLocation.ToString());
                // additionalProperties: false reports the extra property as failing "the false schema".
                var unknown = keyword is "additionalProperties" or "unevaluatedProperties" or "false"
                    || message.Contains("false schema", StringComparison.OrdinalIgnoreCase);
                problems.Add(unknown && field.Length > 0
                    ? $"unknown argument '{ProblemList.Shorten(field, MaxQuotedField)}' (not in the tool's input schema)"
                    : keyword == "required"
                        ? MissingArguments(field, message)
                        : field.Length == 0 ? message : $"{ProblemList.Shorten(field, MaxQuotedField)}: {message}");
            }
        }

        if (problems.Count == 0)
        {
            problems.Add("arguments do not match the tool's input schema");
        }

        return problems.ToLines();
    }

    /// <summary><c>Required properties ["to","body"] are not present</c> → <c>missing required argument(s): to, body</c>.</summary>
    private static string MissingArguments(string field, string message)
    {
        var open = message.IndexOf('[', StringComparison.Ordinal);
        var close = message.LastIndexOf(']');
        var names = open >= 0 && close > open
            ? string.Join(", ", message[(open + 1)..close].Split(',').Select(n => n.Trim().Trim('"')))
            : message;
        return field.Length == 0 ? $"missing required argument(s): {names}" : $"{field}: missing required field(s): {names}";
    }

    /// <summary>JSON Pointer <c>/to/1</c> → <c>to[1]</c>.</summary>
    internal static string FieldName(string pointer)
    {
        var builder = new StringBuilder();
        foreach (var raw in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (int.TryParse(segment, out _) && builder.Length > 0)
            {
                builder.Append('[').Append(segment).Append(']');
            }
            else
            {
                if (builder.Length > 0)
                {
                    builder.Append('.');
                }

                builder.Append(segment);
            }
        }

        return builder.ToString();
    }
}
