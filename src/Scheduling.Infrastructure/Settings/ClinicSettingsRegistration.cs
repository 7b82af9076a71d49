using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Settings;

namespace Scheduling.Infrastructure.Settings;

public static class ClinicSettingsRegistration
{
    /// <summary>
    /// The store behind <see cref="IClinicSettings"/>, over the configuration's values of each
    /// clinic-editable section (bound and checked by the one list of settings sections, which also
    /// resolves each of those classes per scope through the store). Every group of
    /// <see cref="ClinicSettingsCatalog"/> must have its first values here.
    /// </summary>
    public static IServiceCollection AddClinicSettings(this IServiceCollection services, SettingsDefaults defaults)
    {
        var missing = ClinicSettingsCatalog.Groups.Where(g => !defaults.Has(g.SettingsType)).Select(g => g.SettingsType.Name).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException("Clinic settings without a clinic-editable section: " + string.Join(", ", missing));
        }

        services.AddSingleton(defaults);
        services.AddScoped<ClinicSettingsStore>();
        services.AddScoped<IClinicSettings>(sp => sp.GetRequiredService<ClinicSettingsStore>());
        return services;
    }
}
