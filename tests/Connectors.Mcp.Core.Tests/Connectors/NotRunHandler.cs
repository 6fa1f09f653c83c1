using System.Text.Json.Nodes;
using Connectors.Mcp.Core.Connectors;

namespace Connectors.Mcp.Core.Tests.Connectors;

/// <summary>The handler of a declaration built for a test that only reads its data (rules, summaries): it must never run.</summary>
internal static class NotRunHandler
{
    public static ActionHandler Instance { get; } = new ActionHandler<object, JsonObject>(
        arguments => arguments,
        (_, _, _, _) => throw new InvalidOperationException("This test's action is never run."));
}
