using Microsoft.Extensions.Options;

using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Common.Settings;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Slots;
using Scheduling.Infrastructure;
using Scheduling.Infrastructure.Messaging;
using Scheduling.Infrastructure.Messaging.Sms;
using Scheduling.Infrastructure.Persistence;
using Scheduling.Infrastructure.Settings;
using Scheduling.Web.Fhir;

namespace Scheduling.Web.Composition;

/// <summary>
/// Every configuration section the app binds, each with the one class that binds it. The start-up
/// check (<see cref="StartupSettings"/>) walks this list before anything is built, so a bad value in
/// any section stops the app and every command with one line naming the key; <see cref="AddSettings"/>
/// registers each class as a singleton and as <c>IOptions&lt;T&gt;</c>.
/// <para>
/// Adding settings: one class per section (settable properties with defaults, a
/// <c>public const string SectionName</c>, a <c>Validate()</c> returning lines such as
/// "Section:Key must be between 1 and 60 (is 0)."), one line below, then inject the class (or
/// <c>IOptions</c> of it). Code that needs a value while the services are being composed binds it with
/// <see cref="InvalidSettingsException.Bind{T}"/>. The architecture test SettingsSectionsTests fails
/// when code binds or reads configuration for a class that is not in this list, or reads a key directly.
/// </para>
/// <para>
/// Sections marked <see cref="SettingsSection.ClinicEditable"/> are the ones a clinic changes at work on
/// its settings page (Admin → Clinic settings): their class is resolved per scope (a request, a job)
/// with the values the clinic saved laid over the configuration's, which are only the first values.
/// Each needs a group in <c>ClinicSettingsCatalog</c> naming its fields (an architecture test pairs them).
/// </para>
/// </summary>
public static class SettingsSections
{
    public static IReadOnlyList<SettingsSection> All { get; } =
    [
        SettingsSection.For<DatabaseOptions>(DatabaseOptions.SectionName),
        SettingsSection.For<ConnectionStringsOptions>(ConnectionStringsOptions.SectionName),
        SettingsSection.For<StorageOptions>(StorageOptions.SectionName, (o, environment) => o.Validate(environment.ContentRootPath)),
        SettingsSection.For<ClinicOptions>(ClinicOptions.SectionName, o => o.Validate()).ClinicEditable(),
        SettingsSection.For<SlotPolicy>(SlotPolicy.SectionName, o => o.Validate()),
        SettingsSection.For<AppointmentPolicy>(AppointmentPolicy.SectionName, o => o.Validate()).ClinicEditable(),
        SettingsSection.For<ConfirmationPolicy>(ConfirmationPolicy.SectionName, o => o.Validate()).ClinicEditable(),
        SettingsSection.For<EligibilityCriteria>(EligibilityCriteria.ConfigurationSectionName, o => o.Validate()).ClinicEditable(),
        SettingsSection.For<CoursePolicy>(CoursePolicy.SectionName, o => o.Validate()),
        SettingsSection.For<ResponseCriteria>(ResponseCriteria.SectionName, o => o.Validate()),
        SettingsSection.For<TransplantCriteria>(TransplantCriteria.SectionName, o => o.Validate()),
        SettingsSection.For<EmailOptions>(EmailOptions.SectionName, o => o.Validate()).ClinicEditable(),
        SettingsSection.For<SmsOptions>(SmsOptions.SectionName, o => o.Validate()),
        SettingsSection.For<MessageDeliveryPolicy>(MessageDeliveryPolicy.SectionName, o => o.Validate()),
        SettingsSection.For<SecurityOptions>(SecurityOptions.SectionName, o => o.Validate()),
        SettingsSection.For<RateLimitOptions>(RateLimitOptions.SectionName, o => o.Validate()),
        SettingsSection.For<NetworkOptions>(NetworkOptions.SectionName, o => o.Validate()),
        SettingsSection.For<JobsOptions>(JobsOptions.SectionName, o => o.Validate()),
        SettingsSection.For<AuditOptions>(AuditOptions.SectionName, o => o.Validate()),
        SettingsSection.For<BootstrapOptions>(BootstrapOptions.SectionName, o => o.Validate()),
        SettingsSection.For<DemoOptions>(DemoOptions.SectionName),
        SettingsSection.For<FhirOptions>(FhirOptions.SectionName, o => o.Validate()),
        SettingsSection.For<KeyRingOptions>(KeyRingOptions.SectionName, (o, environment) => o.Validate(environment.ContentRootPath)),
    ];

    /// <summary>
    /// Each section's class as a singleton and as IOptions (bound once; checked at start by
    /// <see cref="StartupSettings"/>); a clinic-editable one per scope instead, with IOptions holding
    /// its configuration values (for code that needs only what the clinic cannot change, like SMTP).
    /// </summary>
    public static IServiceCollection AddSettings(this IServiceCollection services, IConfiguration configuration)
    {
        var defaults = new Dictionary<Type, object>();
        foreach (var section in All)
        {
            section.Register(services, configuration, defaults);
        }

        services.AddClinicSettings(new SettingsDefaults(defaults));
        return services;
    }
}

/// <summary>One configuration section and the class bound from it.</summary>
public sealed class SettingsSection
{
    private readonly Func<IConfiguration, IHostEnvironment, IReadOnlyList<string>> _problems;
    private readonly Action<IServiceCollection, IConfiguration> _register;
    private readonly Action<IServiceCollection, IConfiguration, IDictionary<Type, object>> _registerEditable;

    private SettingsSection(
        string name,
        Type optionsType,
        Func<IConfiguration, IHostEnvironment, IReadOnlyList<string>> problems,
        Action<IServiceCollection, IConfiguration> register,
        Action<IServiceCollection, IConfiguration, IDictionary<Type, object>> registerEditable,
        bool isClinicEditable = false)
    {
        Name = name;
        OptionsType = optionsType;
        _problems = problems;
        _register = register;
        _registerEditable = registerEditable;
        IsClinicEditable = isClinicEditable;
    }

    /// <summary>Changed by the clinic on its settings page; configuration gives only the first values.</summary>
    public bool IsClinicEditable { get; }

    /// <summary>This section, resolved per scope with the clinic's saved values over the configuration's.</summary>
    public SettingsSection ClinicEditable() => new(Name, OptionsType, _problems, _register, _registerEditable, isClinicEditable: true);

    /// <summary>The section's key in configuration, e.g. "Security" (environment: Security__IdleTimeoutMinutes).</summary>
    public string Name { get; }

    public Type OptionsType { get; }

    public static SettingsSection For<T>(string name, Func<T, IReadOnlyList<string>>? validate = null)
        where T : class, new() => For<T>(name, (options, _) => validate?.Invoke(options) ?? []);

    public static SettingsSection For<T>(string name, Func<T, IHostEnvironment, IReadOnlyList<string>> validate)
        where T : class, new() => new(
            name,
            typeof(T),
            (configuration, environment) =>
            {
                try
                {
                    InvalidSettingsException.BindValid<T>(configuration, name, options => validate(options, environment));
                    return [];
                }
                catch (InvalidSettingsException ex)
                {
                    return ex.Problems;
                }
            },
            (services, configuration) =>
            {
                var options = InvalidSettingsException.Bind<T>(configuration, name);
                services.AddSingleton(options);
                services.AddSingleton<IOptions<T>>(Options.Create(options));
            },
            (services, configuration, defaults) =>
            {
                // The first values must be usable on their own: they are what applies until the clinic saves.
                var options = InvalidSettingsException.BindValid<T>(configuration, name, o => validate(o, NoEnvironment.Instance));
                defaults[typeof(T)] = options;
                services.AddSingleton<IOptions<T>>(Options.Create(options));
                services.AddScoped(sp => sp.GetRequiredService<IClinicSettings>().Current<T>());
            });

    /// <summary>Every problem of this section's values, one line each naming the whole key; empty when valid.</summary>
    public IReadOnlyList<string> Problems(IConfiguration configuration, IHostEnvironment environment) => _problems(configuration, environment);

    internal void Register(IServiceCollection services, IConfiguration configuration, IDictionary<Type, object> clinicDefaults)
    {
        if (IsClinicEditable)
        {
            _registerEditable(services, configuration, clinicDefaults);
        }
        else
        {
            _register(services, configuration);
        }
    }

    /// <summary>For the rules of an editable section, which do not depend on the environment.</summary>
    private sealed class NoEnvironment : IHostEnvironment
    {
        public static readonly NoEnvironment Instance = new();

        public string EnvironmentName { get; set; } = string.Empty;

        public string ApplicationName { get; set; } = string.Empty;

        public string ContentRootPath { get; set; } = string.Empty;

        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
