using Scheduling.Application.Common.Clinic;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Slots;
using Scheduling.Infrastructure;
using Scheduling.Infrastructure.Messaging;
using Scheduling.Infrastructure.Messaging.Sms;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Web.Composition;

/// <summary>
/// Every settings section checked before anything is built (so the commands are covered too),
/// plus what Production must never run with: the placeholder clinic identity, patient links
/// pointing at localhost, or no mail relay. Program prints the problems as one line and exits 1.
/// (Infrastructure checks its sections again where it binds them, for hosts that skip Program.)
/// </summary>
public static class StartupSettings
{
    /// <summary>Null when every section is valid, else one line naming each bad key and its rule.</summary>
    public static string? Problems(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = new List<string>();
        problems.AddRange(Check<DatabaseOptions>(configuration, DatabaseOptions.SectionName, _ => []));
        problems.AddRange(Check<ClinicOptions>(configuration, ClinicOptions.SectionName, o => o.Validate()));
        problems.AddRange(Check<SlotPolicy>(configuration, SlotPolicy.SectionName, o => o.Validate()));
        problems.AddRange(Check<EligibilityCriteria>(configuration, EligibilityCriteria.ConfigurationSectionName, o => o.Validate()));
        problems.AddRange(Check<EmailOptions>(configuration, EmailOptions.SectionName, o => o.Validate()));
        problems.AddRange(Check<SmsOptions>(configuration, SmsOptions.SectionName, o => o.Validate()));
        problems.AddRange(Check<RateLimitOptions>(configuration, RateLimitOptions.SectionName, o => o.Validate()));
        problems.AddRange(Check<SecurityOptions>(configuration, SecurityOptions.SectionName, o => o.Validate()));
        problems.AddRange(Check<JobsOptions>(configuration, JobsOptions.SectionName, o => o.Validate()));
        problems.AddRange(Check<StorageOptions>(configuration, StorageOptions.SectionName, o => o.Validate(environment.ContentRootPath)));
        problems.AddRange(Check<AuditOptions>(configuration, AuditOptions.SectionName, o => o.Validate()));
        problems.AddRange(Check<NetworkOptions>(configuration, ProxyAndTls.SectionName, o => o.Validate()));
        if (problems.Count == 0 && environment.IsProduction())
        {
            problems.AddRange(ProductionProblems(
                InvalidSettingsException.Bind<ClinicOptions>(configuration, ClinicOptions.SectionName),
                InvalidSettingsException.Bind<EmailOptions>(configuration, EmailOptions.SectionName)));
            if (InvalidSettingsException.Bind<SmsOptions>(configuration, SmsOptions.SectionName).Provider == SmsProvider.FakeGateway)
            {
                problems.Add("Sms:Provider is FakeGateway, which sends no text to anyone; set Twilio (with its credentials) or None.");
            }
        }

        return problems.Count == 0 ? null : new InvalidSettingsException(problems).Message;
    }

    /// <summary>The web-level sections for IOptions consumers (checked by <see cref="Problems"/> first).</summary>
    public static IServiceCollection AddCheckedSettings(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.SectionName));
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.SectionName));
        services.Configure<JobsOptions>(configuration.GetSection(JobsOptions.SectionName));
        services.Configure<AuditOptions>(configuration.GetSection(AuditOptions.SectionName));
        return services;
    }

    private static IReadOnlyList<string> Check<T>(IConfiguration configuration, string section, Func<T, IReadOnlyList<string>> validate)
        where T : new()
    {
        try
        {
            InvalidSettingsException.BindValid(configuration, section, validate);
            return [];
        }
        catch (InvalidSettingsException ex)
        {
            return ex.Problems;
        }
    }

    // What a patient would be told by a clinic that forgot to configure itself.
    private static readonly ClinicOptions Placeholders = new();

    internal static IReadOnlyList<string> ProductionProblems(ClinicOptions clinic, EmailOptions email)
    {
        var problems = new List<string>();
        if (clinic.Name == Placeholders.Name)
        {
            problems.Add($"Clinic:Name is the placeholder '{Placeholders.Name}'; set the clinic's name as patients know it.");
        }

        if (clinic.Phone == Placeholders.Phone)
        {
            problems.Add($"Clinic:Phone is the placeholder '{Placeholders.Phone}'; set the number patients should call.");
        }

        if (clinic.Address == Placeholders.Address)
        {
            problems.Add($"Clinic:Address is the placeholder '{Placeholders.Address}'; set the address patients come to.");
        }

        if (Uri.TryCreate(clinic.PublicBaseUrl, UriKind.Absolute, out var baseUrl) && (baseUrl.IsLoopback || baseUrl.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add($"Clinic:PublicBaseUrl points at this machine ({clinic.PublicBaseUrl}); set the https address patients reach the app at.");
        }

        if (!email.UsesSmtp && !email.AllowPickupFolderInProduction)
        {
            problems.Add("Email:Smtp:Host is not set, so no email would reach a patient; set the clinic's SMTP relay (or Email:AllowPickupFolderInProduction=true to keep .eml files on purpose).");
        }

        if (email.FromAddress.EndsWith(".test", StringComparison.OrdinalIgnoreCase) || email.FromAddress.EndsWith(".invalid", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"Email:FromAddress is the placeholder '{email.FromAddress}'; set the clinic's sender address.");
        }

        return problems;
    }
}

/// <summary>Configuration section "RateLimits": per client address and minute, per instance.</summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    public int SignInPerMinute { get; set; } = 20;

    public int PatientLinkPerMinute { get; set; } = 30;

    /// <summary>Forgot password, request access and account links together.</summary>
    public int AccountRequestsPerMinute { get; set; } = 20;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (SignInPerMinute is < 1 or > 100_000)
        {
            problems.Add($"RateLimits:SignInPerMinute must be between 1 and 100000 (is {SignInPerMinute}).");
        }

        if (PatientLinkPerMinute is < 1 or > 100_000)
        {
            problems.Add($"RateLimits:PatientLinkPerMinute must be between 1 and 100000 (is {PatientLinkPerMinute}).");
        }

        if (AccountRequestsPerMinute is < 1 or > 100_000)
        {
            problems.Add($"RateLimits:AccountRequestsPerMinute must be between 1 and 100000 (is {AccountRequestsPerMinute}).");
        }

        return problems;
    }
}

/// <summary>Configuration section "Security".</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    public int IdleTimeoutMinutes { get; set; } = 20;

    public IReadOnlyList<string> Validate() => IdleTimeoutMinutes is < 1 or > 1440
        ? [$"Security:IdleTimeoutMinutes must be between 1 and 1440 (is {IdleTimeoutMinutes})."]
        : [];
}

/// <summary>Configuration section "Jobs": whether this instance runs Hangfire workers, and how many.</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    public bool RunServer { get; set; } = true;

    public int WorkerCount { get; set; } = 2;

    public IReadOnlyList<string> Validate() => WorkerCount is < 1 or > 64
        ? [$"Jobs:WorkerCount must be between 1 and 64 (is {WorkerCount})."]
        : [];
}

/// <summary>Configuration section "Storage".</summary>
public sealed class StorageOptions
{
    public const string SectionName = "Storage";

    public string? DataFolder { get; set; }

    public IReadOnlyList<string> Validate(string contentRoot)
    {
        if (string.IsNullOrWhiteSpace(DataFolder))
        {
            return [];
        }

        try
        {
            var folder = Path.GetFullPath(DataFolder, contentRoot);
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, $".write-check-{Guid.NewGuid():N}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
            return [];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return [$"Storage:DataFolder must be a folder the app can create and write ('{DataFolder}': {ex.Message})."];
        }
    }
}

/// <summary>
/// Configuration section "Audit". The app never deletes audit rows; the retention is what the clinic
/// has promised to keep (HIPAA documentation retention is six years), stated for whoever archives.
/// </summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    public int RetentionYears { get; set; } = 6;

    public IReadOnlyList<string> Validate() => RetentionYears < 6
        ? [$"Audit:RetentionYears must be at least 6 (is {RetentionYears})."]
        : [];
}
