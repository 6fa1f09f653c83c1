using Connectors.Mcp.Storage.Tests.Backends;

namespace Connectors.Mcp.Storage.Tests.Contracts;

/// <summary>
/// For a contract test that also needs a store another helper ports (issue 15 splits the PostgreSQL stores between
/// branches): the store, or a skip while this branch's backend has none (its property throws NotSupportedException).
/// Once every store is ported (after the merge) this never skips.
/// </summary>
internal static class PortedStores
{
    public static T Require<T>(this TestStores stores, Func<TestStores, T> store)
    {
        try
        {
            return store(stores);
        }
        catch (NotSupportedException)
        {
            Skip.If(true, $"The {stores.Backend} backend has no port of {typeof(T).Name} on this branch yet.");
            throw;
        }
    }
}
