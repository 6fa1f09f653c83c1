using Microsoft.Extensions.DependencyInjection;

namespace Connectors.Mcp.Core.Pipeline;

/// <summary>PLACEHOLDER — replaced by the pipeline.</summary>
public static class PipelineServiceCollectionExtensions
{
    public static IServiceCollection AddToolPipeline(this IServiceCollection services) => services;
}
