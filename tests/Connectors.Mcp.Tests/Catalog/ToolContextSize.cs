using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>
/// What a tool costs the model's context on every turn: the compact JSON of its <c>name</c>, <c>description</c> and
/// <c>inputSchema</c> as tools/list publishes them — what an MCP client turns into a function definition for the model
/// (title, annotations and outputSchema stay with the client). Characters are counted with non-ASCII text written as
/// itself, not as <c>\uXXXX</c> escapes.
/// </summary>
internal static class ToolContextSize
{
    /// <summary>
    /// The catalog's average must stay at or under this (issue 12's target): with one connector of every registered
    /// type, 30 tools at 1,000 characters are about 7,500 tokens on every turn. A new tool pays for itself by staying short.
    /// </summary>
    public const int AverageBudget = 1_000;

    /// <summary>
    /// No single tool may exceed this. The largest today are the calendar writes (google_calendar_update_event: 16
    /// arguments, each carrying the pattern the validator enforces, about 2,400 characters); the ceiling leaves them a
    /// little room and stops any tool from growing back towards the 4,450 characters update_event had before issue 12.
    /// </summary>
    public const int PerToolCeiling = 2_500;

    /// <summary>The usual rule of thumb for English text and JSON with common tokenizers.</summary>
    public const int CharactersPerToken = 4;

    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = false };

    public static int Characters(PublishedTool tool)
    {
        var definition = new JsonObject
        {
            ["name"] = tool.Json["name"]?.DeepClone(),
            ["description"] = tool.Json["description"]?.DeepClone(),
            ["inputSchema"] = tool.Json["inputSchema"]?.DeepClone(),
        };
        return definition.ToJsonString(Compact).Length;
    }

    /// <summary>Rounded to the nearest token, at <see cref="CharactersPerToken"/>.</summary>
    public static int Tokens(int characters) => (int)Math.Round(characters / (double)CharactersPerToken, MidpointRounding.AwayFromZero);
}
