using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Settings;

namespace Scheduling.Infrastructure.Settings;

public static class ClinicSettingsRegistration
{
    /// <summary>
    /// Each class of <see cref="ClinicSettingsCatalog"/>: its configuration values bound and checked
    /// once (the first defaults), and the class itself resolved per scope with the clinic's saved
    /// values over them, so a handler or a job that injects <c>ClinicOptions</c> reads what the clinic
    /// saved last, on every instance, without a restart.
    /// </summary>
    public static IServiceCollection AddClinicSettings(this IServiceCollection services, IConfiguration configuration)
    {
        var defaults = new Dictionary<Type, object>();
        foreach (var group in ClinicSettingsCatalog.Groups)
        {
            var bound = configuration.GetSection(group.Section).Get(group.SettingsType) ?? Activator.CreateInstance(group.SettingsType)!;
            var problems = group.Validate(bound)
                .Select(p => p.StartsWith(group.Section + ":", StringComparison.OrdinalIgnoreCase) ? p : $"{group.Section}:{p}")
                .ToList();
            if (problems.Count > 0)
            {
                throw new InvalidSettingsException(problems);
            }

            defaults[group.SettingsType] = bound;
            services.AddScoped(group.SettingsType, sp => sp.GetRequiredService<ClinicSettingsStore>().Current(group.SettingsType));
        }

        services.AddSingleton(new SettingsDefaults(defaults));
        services.AddScoped<ClinicSettingsStore>();
        services.AddScoped<IClinicSettings>(sp => sp.GetRequiredService<ClinicSettingsStore>());
        return services;
    }
}
