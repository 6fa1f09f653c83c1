using System.Text.Json;
using Connectors.Mcp.Core.Pipeline.Validation;

namespace Connectors.Mcp.Core.Tests.Pipeline.Validation;

public sealed class ArgumentValidatorTests
{
    private static readonly JsonElement Schema = Parse("""
        {
          "type": "object",
          "properties": {
            "to": { "type": "array", "items": { "type": "string", "format": "email" }, "minItems": 1 },
            "subject": { "type": "string", "maxLength": 10 },
            "max_results": { "type": "integer", "minimum": 1, "maximum": 100 }
          },
          "required": ["to", "subject"],
          "additionalProperties": false
        }
        """);

    private readonly ArgumentValidator _validator = new(Schema, "test:send");

    [Fact]
    public void Validate_ValidArguments_ReturnsNoProblems()
    {
        Assert.Empty(_validator.Validate(Parse("""{ "to": ["a@example.com"], "subject": "hi" }""")));
    }

    [Fact]
    public void Validate_UnknownProperty_NamesIt()
    {
        var problems = _validator.Validate(Parse("""{ "to": ["a@example.com"], "subject": "hi", "api_base_url": "http://evil" }"""));
        Assert.Contains(problems, p => p.Contains("unknown argument 'api_base_url'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MissingRequired_NamesTheField()
    {
        var problems = _validator.Validate(Parse("""{ "to": ["a@example.com"] }"""));
        Assert.Contains("missing required argument(s): subject", problems);
    }

    [Fact]
    public void Validate_BadArrayItem_NamesFieldAndIndex()
    {
        var problems = _validator.Validate(Parse("""{ "to": ["a@example.com", "not an address"], "subject": "hi" }"""));
        Assert.Contains(problems, p => p.StartsWith("to[1]:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_WrongType_NamesTheField()
    {
        var problems = _validator.Validate(Parse("""{ "to": ["a@example.com"], "subject": 42 }"""));
        Assert.Contains(problems, p => p.StartsWith("subject:", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NotAnObject_SaysSo()
    {
        Assert.Single(_validator.Validate(Parse("[1,2]")), p => p.Contains("must be a JSON object", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_SchemaWithoutAdditionalPropertiesFalse_Throws()
    {
        var loose = Parse("""{ "type": "object", "properties": {} }""");
        Assert.Throws<InvalidOperationException>(() => new ArgumentValidator(loose, "test:loose"));
    }

    [Fact]
    public void Constructor_DoesNotCompile_TheFirstValidateDoes()
    {
        // The shape is checked at once; compiling waits for the first call (tools/list builds validators it never runs).
        var malformed = Parse("""{ "type": "object", "additionalProperties": false, "properties": { "x": { "minLength": "not a number" } } }""");
        var validator = new ArgumentValidator(malformed, "test:malformed");

        Assert.ThrowsAny<Exception>(() => validator.Validate(Parse("""{ "x": 1 }""")));
    }

    [Fact]
    public void Validate_40000UnknownProperties_ListsTheFirstTenAndCountsTheRest()
    {
        var unknown = string.Join(",", Enumerable.Range(0, 40_000).Select(i => $"\"k{i}\":1"));
        var problems = _validator.Validate(Parse("{\"to\":[\"a@example.com\"],\"subject\":\"hi\"," + unknown + "}"));

        Assert.Equal(11, problems.Count);
        Assert.Equal("unknown argument 'k0' (not in the tool's input schema)", problems[0]);
        Assert.Equal("… and 39,990 more problems", problems[^1]);
    }

    [Fact]
    public void Validate_ManyDuplicateItems_EveryLineIsShort_TheWholeTextBounded()
    {
        var unique = new ArgumentValidator(Parse("""
            {
              "type": "object",
              "properties": { "ids": { "type": "array", "uniqueItems": true, "maxItems": 100, "items": { "type": "string" } } },
              "additionalProperties": false
            }
            """), "test:unique");

        var problems = unique.Validate(Parse("{\"ids\":[" + string.Join(",", Enumerable.Repeat("\"INBOX\"", 1_000)) + "]}"));

        Assert.Contains(problems, p => p.StartsWith("ids: ", StringComparison.Ordinal) && p.Contains("at most 100", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.InRange(p.Length, 1, 200));
        Assert.InRange(problems.Sum(p => p.Length), 1, 11 * 200);
    }

    [Fact]
    public void Validate_HugeUnknownPropertyName_IsNamedShortly()
    {
        var name = new string('k', 100_000);
        var problems = _validator.Validate(Parse("{\"to\":[\"a@example.com\"],\"subject\":\"hi\",\"" + name + "\":1}"));

        var problem = Assert.Single(problems);
        Assert.StartsWith("unknown argument 'kkkk", problem, StringComparison.Ordinal);
        Assert.InRange(problem.Length, 1, 200);
    }

    [Theory]
    [InlineData("/to/1", "to[1]")]
    [InlineData("/a/b", "a.b")]
    [InlineData("", "")]
    [InlineData("/x~1y", "x/y")]
    public void FieldName_JsonPointer_IsReadable(string pointer, string expected) => Assert.Equal(expected, ArgumentValidator.FieldName(pointer));

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
