namespace Connectors.Mcp.Core.Pipeline.Approval.Rules;

/// <summary>
/// The condition of an approval rule, over a call's arguments. Written and read as text, the same in the CLI, the admin
/// API and the database:
/// <list type="bullet">
/// <item><c>always</c></item>
/// <item><c>recipients-all-in:acme.com,acme.io</c> — at least one recipient, and every one in those domains</item>
/// <item><c>recipients-any-outside:workspace</c> — some recipient outside the workspace's domains (or a listed set)</item>
/// <item><c>argument:send_updates=none</c> — a top-level argument equals a value</item>
/// </list>
/// (Implementation: the rules work.)
/// </summary>
public abstract record RuleCondition
{
    /// <summary>The canonical text form, e.g. <c>recipients-all-in:acme.com</c>; <see cref="Parse"/> reads it back.</summary>
    public abstract string Text { get; }

    /// <summary>Parses the text form.</summary>
    /// <exception cref="FormatException">Says what is wrong and what is accepted.</exception>
    public static RuleCondition Parse(string text) => throw new NotImplementedException("rules work");

    public sealed override string ToString() => Text;
}
