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

    [Theory]
    [InlineData("/to/1", "to[1]")]
    [InlineData("/a/b", "a.b")]
    [InlineData("", "")]
    [InlineData("/x~1y", "x/y")]
    public void FieldName_JsonPointer_IsReadable(string pointer, string expected) => Assert.Equal(expected, ArgumentValidator.FieldName(pointer));

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
