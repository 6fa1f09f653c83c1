namespace Connectors.Mcp.Core.Connectors;

/// <summary>
/// A kind of connector (<c>gmail</c>, <c>google_calendar</c>, …): its declared actions and a factory for instances.
/// One implementation per type, registered in the composition root; the pipeline and storage never name a type.
/// </summary>
public interface IConnectorType
{
    /// <summary>Stable type key, e.g. <c>gmail</c>. Also the default connector name.</summary>
    string Type { get; }

    string DisplayName { get; }

    /// <summary>
    /// The provider family whose OAuth client it uses, by key (e.g. <c>google</c>); the family must register its
    /// <see cref="OAuth.IOAuthProvider"/> and <see cref="Credentials.ITokenRevoker"/> (<see cref="ProviderCatalog"/>).
    /// </summary>
    string Provider { get; }

    string Description { get; }

    /// <summary>OAuth scopes the type needs, minimal.</summary>
    IReadOnlyList<string> Scopes { get; }

    /// <summary>Setting keys an instance accepts (<c>api_base_url</c>, <c>token_url</c>, <c>auth_url</c>, …).</summary>
    IReadOnlyList<string> SettingKeys { get; }

    IReadOnlyList<ConnectorAction> Actions { get; }

    /// <summary>Creates an instance bound to one workspace connector. Cheap: HTTP connections are pooled elsewhere.</summary>
    IConnector Create(ConnectorContext context);
}
