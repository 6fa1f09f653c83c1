using Connectors.Mcp.Composition;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Commands.Doctor;

/// <summary>
/// What the checks of one <c>doctor</c> run share: the home (located, never created), the URLs <c>serve --http</c>
/// would bind, what earlier checks found usable, and the stores — built without migrating, only once the database
/// check found the schema current.
/// </summary>
internal sealed class DoctorContext : IAsyncDisposable
{
    private readonly Func<AppHome, bool, ServiceProvider> _buildServices;
    private ServiceProvider? _services;

    public DoctorContext(AppHome home, IReadOnlyList<Uri> urls, Func<AppHome, bool, ServiceProvider> buildServices)
    {
        Home = home;
        Urls = urls;
        _buildServices = buildServices;
    }

    public AppHome Home { get; }

    /// <summary>Where <c>serve --http</c> would listen: <c>--urls</c>, or serve's default.</summary>
    public IReadOnlyList<Uri> Urls { get; }

    /// <summary>Set by the home check: the folder exists and can be read.</summary>
    public bool HomeReady { get; set; }

    /// <summary>Set by the master-key check: a valid key is there. Without one the stores get a throwaway key, never written.</summary>
    public bool MasterKeyReady { get; set; }

    /// <summary>Set by the database check: the file exists and its schema is this build's.</summary>
    public bool DatabaseReady { get; set; }

    /// <summary>The stores on this home; only after <see cref="DatabaseReady"/>.</summary>
    public IServiceProvider Services => DatabaseReady
        ? _services ??= _buildServices(Home, MasterKeyReady)
        : throw new InvalidOperationException("The database check did not pass; no check may open the stores.");

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }
    }
}
