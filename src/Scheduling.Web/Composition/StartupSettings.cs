using Scheduling.Application.Common.Clinic;
using Scheduling.Infrastructure;
using Scheduling.Infrastructure.Messaging;
using Scheduling.Infrastructure.Messaging.Sms;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Web.Composition;

/// <summary>
/// The start-up check: every section in <see cref="SettingsSections.All"/> (so the commands are
/// covered too), the connection string against its provider, the OpenTelemetry exporter's variables,
/// and what Production must never run with: the placeholder clinic identity, patient links pointing
/// at localhost, no mail relay, or a key ring stored unencrypted without the operator saying so. Program prints the problems as one line and exits 1.
/// </summary>
public static class StartupSettings
{
    /// <summary>Null when every section is valid, else one line naming each bad key and its rule.</summary>
    public static string? Problems(IConfiguration configuration, IHostEnvironment environment)
    {
        var problems = SettingsSections.All.SelectMany(section => section.Problems(configuration, environment)).ToList();
        problems.AddRange(OtlpExport.Problems(configuration));
        if (problems.Count == 0)
        {
            var database = InvalidSettingsException.Bind<DatabaseOptions>(configuration, DatabaseOptions.SectionName);
            problems.AddRange(ConnectionStringsOptions.Problems(
                database.Provider, DependencyInjection.ConfiguredConnectionString(configuration, database)));
        }

        if (problems.Count == 0 && environment.IsProduction())
        {
            problems.AddRange(ProductionProblems(
                InvalidSettingsException.Bind<ClinicOptions>(configuration, ClinicOptions.SectionName),
                InvalidSettingsException.Bind<EmailOptions>(configuration, EmailOptions.SectionName)));
            if (InvalidSettingsException.Bind<SmsOptions>(configuration, SmsOptions.SectionName).Provider == SmsProvider.FakeGateway)
            {
                problems.Add("Sms:Provider is FakeGateway, which sends no text to anyone; set Twilio (with its credentials) or None.");
            }

            problems.AddRange(InvalidSettingsException.Bind<KeyRingOptions>(configuration, KeyRingOptions.SectionName).ProductionProblems());
        }

        return problems.Count == 0 ? null : new InvalidSettingsException(problems).Message;
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

    /// <summary>
    /// Free space the disk holding a SQLite database must keep; below it /health/ready says Unhealthy
    /// (SQLite meets a full disk only when a write commits, so it is seen before). 0 turns the check off.
    /// </summary>
    public int MinimumFreeMegabytes { get; set; } = 100;

    public long MinimumFreeBytes => MinimumFreeMegabytes * 1024L * 1024L;

    public IReadOnlyList<string> Validate(string contentRoot)
    {
        if (MinimumFreeMegabytes is < 0 or > 1_000_000)
        {
            return [$"Storage:MinimumFreeMegabytes must be between 0 and 1000000 (is {MinimumFreeMegabytes})."];
        }

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

/// <summary>
/// Configuration section "Bootstrap": the first administrator of an empty install, created while no
/// administrator exists (then the password should be removed from the environment).
/// </summary>
public sealed class BootstrapOptions
{
    public const string SectionName = "Bootstrap";

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    public bool IsSet => !string.IsNullOrWhiteSpace(AdminEmail) && !string.IsNullOrWhiteSpace(AdminPassword);

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!string.IsNullOrWhiteSpace(AdminEmail) && !System.Net.Mail.MailAddress.TryCreate(AdminEmail, out _))
        {
            problems.Add($"Bootstrap:AdminEmail must be an email address (is '{AdminEmail}').");
        }

        if (!string.IsNullOrEmpty(AdminPassword) && AdminPassword.Length < 12)
        {
            problems.Add("Bootstrap:AdminPassword must be at least 12 characters.");
        }

        return problems;
    }
}

/// <summary>Configuration section "Demo": Development-only sample data.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    /// <summary>Two demo rooms with a weekday template when there are no rooms (never in Production).</summary>
    public bool SeedSchedule { get; set; }
}
