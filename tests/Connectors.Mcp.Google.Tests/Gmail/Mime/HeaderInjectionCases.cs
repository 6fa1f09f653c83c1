namespace Connectors.Mcp.Google.Tests.Gmail.Mime;

/// <summary>Recipient items that are not exactly one bare address: line breaks, lists, display names, groups, encoded words.</summary>
public static class HeaderInjectionCases
{
    public static readonly string[] Values =
    [
        "alice@example.com\r\nBcc: evil@evil.test",
        "alice@example.com\nBcc: evil@evil.test",
        "alice@example.com\r",
        "alice@example.com, evil@evil.test",
        "alice@example.com,evil@evil.test",
        "alice@example.com;evil@evil.test",
        "alice@example.com evil@evil.test",
        "Alice <alice@example.com>",
        "<alice@example.com>",
        "\"alice@example.com\" <evil@evil.test>",
        "alice@example.com <evil@evil.test>",
        "undisclosed-recipients:;",
        "friends: alice@example.com, evil@evil.test;",
        "=?utf-8?b?ZXZpbEBldmlsLnRlc3Q=?=@example.com",
        "=?utf-8?q?Alice?= <evil@evil.test>",
        "alice@example.com (Alice)",
        "\"quoted local\"@example.com",
        "alice@[127.0.0.1]",
        "alice",
        "alice@",
        "@example.com",
        "alice@@example.com",
        "alice@example",
        "alice..bob@example.com",
        "alice@example.com\u0000",
        "",
    ];

    public static TheoryData<string> BadAddresses() => new(Values);
}
