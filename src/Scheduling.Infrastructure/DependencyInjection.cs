using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Languages;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Slots;
using Scheduling.Infrastructure.Auditing;
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Integration;
using Scheduling.Infrastructure.Messaging;
using Scheduling.Infrastructure.Messaging.Sms;
using Scheduling.Infrastructure.Persistence;
using Scheduling.Infrastructure.Persistence.Interceptors;
using Scheduling.Infrastructure.Settings;
using Scheduling.Infrastructure.Slots;

namespace Scheduling.Infrastructure;

public static class DependencyInjection
{

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        services.TryAddSingleton(TimeProvider.System);

        var database = InvalidSettingsException.Bind<DatabaseOptions>(configuration, DatabaseOptions.SectionName);
        var connectionString = ResolveConnectionString(configuration, database, dataFolder);
        services.AddSingleton(database);

        services.AddScoped<AuditingInterceptor>();
        services.AddScoped<DomainEventsInterceptor>();
        services.AddSingleton<SqliteWriteGate>();
        services.AddSingleton<SqliteConnectionSettings>();
        services.AddScoped<SqliteWriteTurns>();
        services.AddDbContext<ApplicationDbContext>((sp, options) =>
        {
            ConfigureProvider(options, database.Provider, connectionString);

            // SQLite has one write lock: the context takes its turn at the gate before anything else
            // of a save runs, and for every transaction and write statement (SqliteWriteTurns).
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                options.AddInterceptors(sp.GetRequiredService<SqliteWriteTurns>(), sp.GetRequiredService<SqliteConnectionSettings>());
            }

            // Domain events first: what their handlers add to the save is audited with the rest.
            options.AddInterceptors(sp.GetRequiredService<DomainEventsInterceptor>(), sp.GetRequiredService<AuditingInterceptor>());
        });
        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<ApplicationDbContext>());
        services.AddSingleton<IDatabaseErrors, DatabaseErrors>();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddSingleton<AuditViewWriter>();
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped<IAccounts, Accounts>();
        services.AddScoped<SignInAttempts>();

        // The accounts store works through Identity's UserManager, so the core of Identity is wired
        // here for every host (the web app, the integration tests, the create-admin command); the
        // web app adds sign-in, cookies and the options on top with AddIdentity.
        services.AddIdentityCore<ApplicationUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ApplicationDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddPasswordValidator<PersonalPasswordValidator>();

        // The second factor's secrets encrypted (authenticator key) and hashed (recovery codes) in the database.
        services.AddDataProtection();
        services.Replace(ServiceDescriptor.Scoped<IUserStore<ApplicationUser>, TwoFactorSecretsStore>());
        // The token server's store of system clients (SMART Backend Services). The web app adds the
        // token endpoint and token validation on top; the store alone serves the admin use cases.
        services.AddOpenIddict().AddCore(core => core.UseEntityFrameworkCore().UseDbContext<ApplicationDbContext>());
        services.AddScoped<IClientCredentials, OpenIddictClientCredentials>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<SqliteBackup>();
        services.AddMessaging(configuration, dataFolder);
        services.AddClinicPolicies(configuration);
        return services;
    }

    /// <summary>
    /// The clinic's time zone, from its settings. The settings classes themselves are registered by
    /// the web layer's one list of sections (SettingsSections), which checks them at start-up: a typo
    /// in a time zone or a threshold stops the app with a clear message instead of producing wrong slots.
    /// </summary>
    private static void AddClinicPolicies(this IServiceCollection services, IConfiguration configuration)
    {
        var clinic = InvalidSettingsException.BindValid<ClinicOptions>(configuration, ClinicOptions.SectionName, c => c.Validate());
        services.AddSingleton(ClinicTime.FromTimeZoneId(clinic.TimeZone, clinic.Culture));
    }

    private static void AddMessaging(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        var email = InvalidSettingsException.BindValid<EmailOptions>(configuration, EmailOptions.SectionName, e => e.Validate());
        services.AddSingleton(new MailPickupFolder(Path.GetFullPath(email.PickupFolder, dataFolder)));
        if (email.UsesSmtp)
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, PickupFolderEmailSender>();
        }

        // The clinic's culture and address are not clinic-editable settings: their configured values
        // hold for the app's life (ClinicOptions itself is per scope, so no singleton takes it).
        var clinic = InvalidSettingsException.BindValid<ClinicOptions>(configuration, ClinicOptions.SectionName, c => c.Validate());
        services.AddTexting(configuration, clinic);
        services.AddSingleton(PatientTexts.FromResources(clinic));
        services.AddScoped<IPostCommitActions, PostCommitActions>();
        services.AddScoped<IOutbox, Outbox>();
        services.AddSingleton<ICalendarFiles, IcsCalendarFiles>();
        services.AddScoped<OutboxDispatcher>();
        services.AddScoped<OutboxJobs>();
        services.AddScoped<SlotJobs>();
        services.AddScoped<ConfirmationJobs>();
        services.TryAddScoped<IBackgroundJobs, HangfireBackgroundJobs>();
    }

    /// <summary>
    /// Text messages: the provider the "Sms" section names (Twilio's API at its base URL, or in
    /// Development the fake gateway on loopback, started here), and the quiet hours.
    /// </summary>
    private static void AddTexting(this IServiceCollection services, IConfiguration configuration, ClinicOptions clinic)
    {
        var sms = InvalidSettingsException.BindValid<SmsOptions>(configuration, SmsOptions.SectionName, o => o.Validate());
        services.AddSingleton(sms.ToPolicy());
        switch (sms.Provider)
        {
            case SmsProvider.Twilio:
                services.AddSingleton(new SmsEndpoint(() => new Uri(sms.BaseUrl.TrimEnd('/') + "/")));
                break;
            case SmsProvider.FakeGateway:
                services.AddSingleton(sp =>
                {
                    var gateway = FakeSmsGateway.StartAsync(sms.AccountSidInUse, sms.AuthTokenInUse, sms.FromInUse, sms.FakeGatewayPort, sp.GetRequiredService<TimeProvider>()).GetAwaiter().GetResult();
                    gateway.AppBaseUrl = new Uri(clinic.PublicUrl("/"));
                    return gateway;
                });
                services.AddSingleton(sp => new SmsEndpoint(() => sp.GetRequiredService<FakeSmsGateway>().BaseUrl));
                break;
            default:
                services.AddSingleton<ITextMessageSender, NoTextProvider>();
                return;
        }

        services.AddHttpClient<ITextMessageSender, TwilioTextMessageSender>(http => http.Timeout = TimeSpan.FromSeconds(sms.TimeoutSeconds));
    }

    public static string ResolveConnectionString(IConfiguration configuration, DatabaseOptions database, string dataFolder)
    {
        var configured = ConfiguredConnectionString(configuration, database);
        if (ConnectionStringsOptions.Problems(database.Provider, configured) is { Count: > 0 } problems)
        {
            throw new InvalidSettingsException(problems);
        }

        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        Directory.CreateDirectory(dataFolder);
        return $"Data Source={Path.Combine(dataFolder, "scheduling.db")}";
    }

    /// <summary>ConnectionStrings:Scheduling, else Database:ConnectionString; null when neither is set.</summary>
    public static string? ConfiguredConnectionString(IConfiguration configuration, DatabaseOptions database) =>
        InvalidSettingsException.Bind<ConnectionStringsOptions>(configuration, ConnectionStringsOptions.SectionName).Scheduling is { Length: > 0 } configured
            ? configured
            : database.ConnectionString;

    /// <summary>Shared by the app and the design-time factories so migrations see the same model.</summary>
    public static void ConfigureProvider(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(DatabaseOptions.SqliteMigrationsAssembly));
                break;
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(connectionString, sql =>
                {
                    sql.MigrationsAssembly(DatabaseOptions.SqlServerMigrationsAssembly);
                    sql.EnableRetryOnFailure(maxRetryCount: 5);
                });
                break;
            case DatabaseProvider.PostgreSql:
                options.UseNpgsql(connectionString, npgsql =>
                {
                    npgsql.MigrationsAssembly(DatabaseOptions.PostgreSqlMigrationsAssembly);

                    // Retries serialization failures and deadlocks (40001, 40P01) and dropped
                    // connections; the transaction behaviour replays the whole command.
                    npgsql.EnableRetryOnFailure(maxRetryCount: 5);
                });
                break;
            default:
                throw new InvalidOperationException($"Unknown database provider '{provider}'.");
        }
    }
}
