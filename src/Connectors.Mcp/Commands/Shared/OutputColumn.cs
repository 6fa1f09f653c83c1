using System.Text.Json.Nodes;

namespace Connectors.Mcp.Commands.Shared;

/// <summary>
/// One field of a listed record: <see cref="Key"/> is the snake_case JSON key and, upper-cased, the table header.
/// <see cref="Value"/> builds a fresh node per call (a node can have only one parent). A column with
/// <see cref="InTable"/> false appears only in the <c>--json</c> form.
/// </summary>
internal sealed record OutputColumn<T>(string Key, Func<T, JsonNode?> Value, bool InTable = true);
