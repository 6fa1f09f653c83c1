using System.Security.Cryptography;
using System.Text;
using Connectors.Mcp.Core.Security;

namespace Connectors.Mcp.Core.Tests.Security;

public sealed class SecretProtectorTests
{
    private readonly SecretProtector _protector = new(RandomNumberGenerator.GetBytes(32));

    [Fact]
    public void Unprotect_SameContext_RoundTrips()
    {
        var blob = _protector.Protect("ya29.token", SecretProtector.ConnectorContext("ws_1", "con_1"));
        Assert.Equal("ya29.token", _protector.Unprotect(blob, SecretProtector.ConnectorContext("ws_1", "con_1")));
        Assert.DoesNotContain("ya29", Encoding.UTF8.GetString(blob), StringComparison.Ordinal);
    }

    [Fact]
    public void Unprotect_OtherRowContext_Fails()
    {
        var blob = _protector.Protect("ya29.token", SecretProtector.ConnectorContext("ws_1", "con_1"));
        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect(blob, SecretProtector.ConnectorContext("ws_1", "con_2")));
        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect(blob, SecretProtector.ConnectorContext("ws_2", "con_1")));
    }

    [Fact]
    public void Unprotect_WrongKey_Fails()
    {
        var blob = _protector.Protect("x", "ctx");
        Assert.ThrowsAny<CryptographicException>(() => new SecretProtector(RandomNumberGenerator.GetBytes(32)).Unprotect(blob, "ctx"));
    }

    [Fact]
    public void Unprotect_TamperedCiphertext_Fails()
    {
        var blob = _protector.Protect("hello", "ctx");
        blob[^1] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect(blob, "ctx"));
    }

    [Fact]
    public void Protect_SamePlaintextTwice_DiffersEachTime() =>
        Assert.NotEqual(_protector.Protect("x", "c"), _protector.Protect("x", "c"));

    [Fact]
    public void Constructor_ShortKey_Throws() => Assert.Throws<ArgumentException>(() => new SecretProtector(new byte[16]));

    [Fact]
    public void PooledCiphers_AfterAFailedDecrypt_AndFromManyThreads_StillRoundTrip()
    {
        var blob = _protector.Protect("ya29.token", "ctx-a");
        Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect(blob, "ctx-b"));
        Assert.Equal("ya29.token", _protector.Unprotect(blob, "ctx-a"));

        Parallel.For(0, 2_000, new ParallelOptions { MaxDegreeOfParallelism = 16 }, i =>
        {
            var context = $"ctx-{i % 7}";
            var text = $"secret-{i}";
            Assert.Equal(text, _protector.Unprotect(_protector.Protect(text, context), context));
            Assert.ThrowsAny<CryptographicException>(() => _protector.Unprotect(_protector.Protect(text, context), context + "x"));
        });
    }
}
