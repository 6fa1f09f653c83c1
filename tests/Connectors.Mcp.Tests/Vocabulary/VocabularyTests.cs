using System.Reflection;
using System.Runtime.CompilerServices;
using Connectors.Mcp.Core.Errors;
using Connectors.Mcp.Core.Pipeline.Audit;

namespace Connectors.Mcp.Tests.Vocabulary;

/// <summary>
/// One vocabulary for refusals: audit error codes live in <see cref="AuditCodes"/> and the <c>connectors-mcp …</c>
/// commands messages print live in <c>CliInstructions</c>; nothing in src/ spells either itself.
/// </summary>
public sealed class VocabularyTests
{
    private const string InstructionsFile = "src/Connectors.Mcp.Core/Instructions/CliInstructions.cs";
    private const string AuditCodesFile = "src/Connectors.Mcp.Core/Pipeline/Audit/AuditCodes.cs";

    [Fact]
    public void Sources_SpellNoCliCommand_OutsideCliInstructions()
    {
        var found = VocabularyScan.SourceFiles()
            .Where(f => f.Path != InstructionsFile)
            .SelectMany(f => VocabularyScan.Instructions(f.Path, f.Text))
            .ToList();

        Assert.True(found.Count == 0, $"Use CliInstructions for these commands:\n{string.Join("\n", found)}");
    }

    [Fact]
    public void Sources_PassNoAuditCodeLiteral_OutsideAuditCodes()
    {
        var found = VocabularyScan.SourceFiles()
            .Where(f => f.Path != AuditCodesFile)
            .SelectMany(f => VocabularyScan.AuditCodeLiterals(f.Path, f.Text))
            .ToList();

        Assert.True(found.Count == 0, $"Use (or add) an AuditCodes constant for these codes:\n{string.Join("\n", found)}");
    }

    [Fact]
    public void AuditCodes_AreDistinctAndSnakeCase()
    {
        var codes = AuditCodeValues();

        Assert.All(codes, code => Assert.True(VocabularyScan.IsCodeLike(code), code));
        Assert.Equal(codes.Count, codes.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("invalid_arguments", codes); // stored rows hold this spelling: it must never change
    }

    [Fact]
    public void EveryConnectorError_CarriesAnAuditCode()
    {
        var codes = AuditCodeValues();
        var errors = Directory.GetFiles(AppContext.BaseDirectory, "Connectors.Mcp*.dll")
            .Where(file => !Path.GetFileName(file).Contains(".Tests", StringComparison.Ordinal))
            .Select(Assembly.LoadFrom)
            .SelectMany(assembly => assembly.GetTypes())
            .Where(type => type.IsSubclassOf(typeof(ConnectorException)) && !type.IsAbstract)
            .ToList();

        Assert.Contains(typeof(ConnectorValidationException), errors);
        Assert.All(errors, type => Assert.Contains(((ConnectorException)RuntimeHelpers.GetUninitializedObject(type)).Code, codes));
        Assert.Equal(AuditCodes.InvalidArguments, new ConnectorValidationException("to", "two addresses").Code);
    }

    [Fact]
    public void Scan_FindsTheSpellingsTheCodeHadBeforeTheVocabulary()
    {
        // Lines as they were before AuditCodes and CliInstructions (issue 10): each must be found, the comment must not.
        const string before = """
            public override string Code => "invalid_argument";
            await _audit.CompleteAsync(rowId, Completion(AuditStatus.Failed, call, "cancelled", "cancelled before it finished (the client went away)"), CancellationToken.None);
            return new IdempotencyAnswer(
                ToolOutcome.Error($"Invalid arguments for {toolName}:\n- {problem}\nFix them and call again; nothing was done."),
                AuditStatus.Rejected,
                "invalid_arguments",
                problem);
            SqliteAuditLog.Complete(connection, rowId, new AuditCompletion(AuditStatus.Denied, now, "approval_expired", message, approvalId, "expired"));
            // `connectors-mcp connector connect ID` in a comment is not a message.
            $"Ask the user to reconnect it with `connectors-mcp connector connect {call.Connector.Id}`, then retry.";
            $"Connect it with `{CliNames.Executable} connector connect {connector.Id}`.";
            new($"No audit row {rowId}. `connectors-mcp audit list SLUG` shows the rows.");
            """;

        Assert.Equal(
            ["old.cs:1: \"invalid_argument\"", "old.cs:2: \"cancelled\"", "old.cs:6: \"invalid_arguments\"", "old.cs:8: \"approval_expired\""],
            VocabularyScan.AuditCodeLiterals("old.cs", before));
        Assert.Equal(
            [
                "old.cs:10: \"Ask the user to reconnect it with `connectors-mcp connector connect {call.Connector.Id}`, then retry.\"",
                "old.cs:11: \"Connect it with `{CliNames.Executable} connector connect {connector.Id}`.\"",
                "old.cs:12: \"No audit row {rowId}. `connectors-mcp audit list SLUG` shows the rows.\"",
            ],
            VocabularyScan.Instructions("old.cs", before));
    }

    private static List<string> AuditCodeValues() =>
        typeof(AuditCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(field => field.IsLiteral && field.Name != nameof(AuditCodes.InvalidArgumentsBeforeIssue10))
            .Select(field => (string)field.GetRawConstantValue()!)
            .ToList();
}
