using System.Globalization;

using Microsoft.AspNetCore.Localization;

using Scheduling.Application.Common.Clinic;
using Scheduling.Infrastructure;
using Scheduling.Web.Models;

namespace Scheduling.Web.Composition;

/// <summary>
/// One culture for the whole app, Clinic:Culture (default en-US), whatever the server's locale
/// (LANG=de_DE) or the browser's Accept-Language: every request runs in it, and so do start-up and
/// background jobs (Hangfire captures the enqueuing request's culture).
/// </summary>
public static class ClinicCulture
{
    public static IServiceCollection AddClinicCulture(this IServiceCollection services, IConfiguration configuration)
    {
        var clinic = InvalidSettingsException.Bind<ClinicOptions>(configuration, ClinicOptions.SectionName);
        ClinicFormats.UseCulture(clinic.Culture);
        var culture = ClinicFormats.Culture;
        CultureInfo.DefaultThreadCurrentCulture = culture;
        CultureInfo.DefaultThreadCurrentUICulture = culture;
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;

        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(culture, culture);
            options.SupportedCultures = [culture];
            options.SupportedUICultures = [culture];

            // Not the query string, cookie or Accept-Language: everybody reads the clinic's formats.
            options.RequestCultureProviders.Clear();
        });

        // Pages in Spanish (and any patient language) are written as their letters, "después", not as
        // "&#xE9;" references: Razor still encodes markup characters, only the letters pass as they are.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(options =>
            options.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));

        // What every view formats dates and times with (injected in _ViewImports as Format).
        services.AddSingleton<ClinicDisplay>();
        return services;
    }

    public static WebApplication UseClinicCulture(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }
}
