using System.Text.Json;

namespace Connectors.Mcp.Tests.Catalog;

/// <summary>
/// A tool's input schema is compiled on its first call, not when tools/list builds the catalog (a cold start would
/// otherwise pay for every listed tool's schema). What the eager compile used to prove at list time is proved here:
/// every published tool's schema compiles and evaluates.
/// </summary>
public sealed class InputSchemaCompileTests(PublishedCatalogFixture catalog) : IClassFixture<PublishedCatalogFixture>
{
    [Fact]
    public void EveryPublishedInputSchema_CompilesAndEvaluates()
    {
        using var empty = JsonDocument.Parse("{}");
        var failures = new List<string>();
        foreach (var tool in catalog.Tools)
        {
            try
            {
                _ = tool.Catalog.Validator.Validate(empty.RootElement);
            }
            catch (Exception ex)
            {
                failures.Add($"{tool.Name}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.Empty(failures);
        Assert.NotEmpty(catalog.Tools);
    }
}
