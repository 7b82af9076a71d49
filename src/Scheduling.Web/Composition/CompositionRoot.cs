using Mediator;

using Scheduling.Application;
using Scheduling.Application.Common.Behaviours;
using Scheduling.Infrastructure;

namespace Scheduling.Web.Composition;

/// <summary>
/// Everything below the web layer, wired once: the app uses it, and so do the integration tests
/// (which need the source-generated mediator that only this project builds).
/// </summary>
public static class CompositionRoot
{
    public static IServiceCollection AddSchedulingCore(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        services.AddSettings(configuration);
        services.AddApplication();
        services.AddInfrastructure(configuration, dataFolder);
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(Scheduling.Application.DependencyInjection)];

            // Order matters: log every attempt, refuse invalid input before opening a transaction or a
            // page view (a refused query shows nothing, so audits nothing).
            options.PipelineBehaviors =
            [
                typeof(LoggingBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(AuditedViewBehaviour<,>),
                typeof(TransactionBehaviour<,>),
            ];
        });
        return services;
    }

    /// <summary>The app's writable data folder (SQLite file, mail pickup) unless configured elsewhere.</summary>
    public static string DataFolder(IConfiguration configuration, string contentRoot) =>
        InvalidSettingsException.Bind<StorageOptions>(configuration, StorageOptions.SectionName).DataFolder is { Length: > 0 } configured
            ? Path.GetFullPath(configured, contentRoot)
            : Path.Combine(contentRoot, "App_Data");
}
