using Connectors.Mcp.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Sandbox;

/// <summary>
/// What <c>--sandbox</c> adds: every family's fake (<see cref="SandboxFamilies"/>), started in-process on loopback, and
/// workspace <c>demo</c> with each family's demo connectors pointed at its fake and its OAuth client stored. It runs
/// against the sandbox home (HOME/sandbox), or — through <c>sandbox fakes</c> — a database that holds no real connector,
/// never a real workspace's database. Seeding is idempotent: each start
/// rewrites the connectors' endpoints (the fakes' ports change) and stores fresh tokens.
/// </summary>
public sealed class SandboxEnvironment : IAsyncDisposable
{
    public const string WorkspaceSlug = "demo";

    private SandboxEnvironment(IReadOnlyList<ISandboxFamily> families, Workspace workspace)
    {
        Families = families;
        Workspace = workspace;
    }

    public IReadOnlyList<ISandboxFamily> Families { get; }

    public Workspace Workspace { get; }

    public static Task<SandboxEnvironment> StartAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        StartAsync(services, WorkspaceSlug, 0, cancellationToken);

    /// <summary>
    /// The same, seeding workspace <paramref name="workspaceSlug"/> (created when missing) instead of <c>demo</c>, with the
    /// fakes on <paramref name="portBase"/> and the next ports (<see cref="SandboxFamilies.Create"/>) unless it is 0.
    /// </summary>
    public static async Task<SandboxEnvironment> StartAsync(IServiceProvider services, string workspaceSlug, int portBase, CancellationToken cancellationToken)
    {
        var families = SandboxFamilies.Create(services.GetRequiredService<TimeProvider>(), portBase);
        try
        {
            foreach (var family in families)
            {
                await family.StartAsync(cancellationToken);
            }

            var workspace = await SeedAsync(services, families, workspaceSlug, cancellationToken);
            return new SandboxEnvironment(families, workspace);
        }
        catch
        {
            await DisposeAllAsync(families);
            throw;
        }
    }

    public ValueTask DisposeAsync() => DisposeAllAsync(Families);

    private static async ValueTask DisposeAllAsync(IReadOnlyList<ISandboxFamily> families)
    {
        foreach (var family in families)
        {
            await family.DisposeAsync();
        }
    }

    private static async Task<Workspace> SeedAsync(IServiceProvider services, IReadOnlyList<ISandboxFamily> families, string slug, CancellationToken cancellationToken)
    {
        var workspaces = services.GetRequiredService<IWorkspaceStore>();
        var connectors = services.GetRequiredService<IConnectorStore>();
        var credentials = services.GetRequiredService<ICredentialStore>();

        var workspace = await workspaces.FindBySlugAsync(slug, cancellationToken)
            ?? await workspaces.CreateAsync(slug, WorkspacePlan.Pro, cancellationToken);
        foreach (var family in families)
        {
            await credentials.SetOAuthClientAsync(family.Client, cancellationToken);
            var settings = family.Settings;
            foreach (var demo in family.Connectors)
            {
                var existing = (await connectors.GetWorkspaceConnectorsAsync(workspace.Id, cancellationToken))
                    .FirstOrDefault(c => c.Name == demo.Name && c.Type == demo.Type);
                var connector = existing ?? await connectors.AddAsync(workspace.Id, demo.Type, demo.Name, settings, cancellationToken);
                if (existing is not null)
                {
                    await connectors.UpdateSettingsAsync(connector.Id, settings, cancellationToken);
                }

                await credentials.SaveTokensAsync(workspace.Id, connector.Id, family.IssueTokens(), cancellationToken);
            }
        }

        return workspace;
    }
}
