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
using Scheduling.Infrastructure.Messaging;
using Scheduling.Infrastructure.Messaging.Sms;
using Scheduling.Infrastructure.Persistence;
using Scheduling.Infrastructure.Persistence.Interceptors;
using Scheduling.Infrastructure.Slots;

namespace Scheduling.Infrastructure;

public static class DependencyInjection
{
    private static readonly SqliteConnectionSettings SqliteSettings = new();

    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        services.TryAddSingleton(TimeProvider.System);

        var database = InvalidSettingsException.Bind<DatabaseOptions>(configuration, DatabaseOptions.SectionName);
        var connectionString = ResolveConnectionString(configuration, database, dataFolder);
        services.AddSingleton(database);

        services.AddScoped<AuditingInterceptor>();
        services.AddDbContext<ApplicationDbContext>((sp, options) =>
        {
            ConfigureProvider(options, database.Provider, connectionString);
            options.AddInterceptors(sp.GetRequiredService<AuditingInterceptor>());
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                options.AddInterceptors(SqliteSettings);
            }
        });
        services.AddScoped<IApplicationDbContext>(sp => sp.GetRequiredService<ApplicationDbContext>());
        services.AddSingleton<IDatabaseErrors, DatabaseErrors>();
        services.AddScoped<IAuditLog, AuditLog>();
        services.AddSingleton<AuditViewWriter>();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            services.AddSingleton<IWriteGate, SingleWriterGate>();
        }
        else
        {
            services.AddSingleton<IWriteGate, OpenWriteGate>();
        }
        services.AddScoped<IUserDirectory, UserDirectory>();
        services.AddScoped<IAccounts, Accounts>();

        // The accounts store works through Identity's UserManager, so the core of Identity is wired
        // here for every host (the web app, the integration tests, the create-admin command); the
        // web app adds sign-in, cookies and the options on top with AddIdentity.
        services.AddIdentityCore<ApplicationUser>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ApplicationDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>();
        services.AddScoped<DatabaseInitializer>();
        services.AddScoped<SqliteBackup>();
        services.AddMessaging(configuration, dataFolder);
        services.AddClinicPolicies(configuration);
        return services;
    }

    /// <summary>
    /// The clinic's settings and business policies, bound once and checked at start-up: a typo in a
    /// time zone or a threshold stops the app with a clear message instead of producing wrong slots.
    /// </summary>
    private static void AddClinicPolicies(this IServiceCollection services, IConfiguration configuration)
    {
        var clinic = Bind<ClinicOptions>(configuration, ClinicOptions.SectionName, c => c.Validate());
        services.AddSingleton(clinic);
        services.AddSingleton(ClinicTime.FromTimeZoneId(clinic.TimeZone));
        services.AddSingleton(Bind<SlotPolicy>(configuration, SlotPolicy.SectionName, p => p.Validate()));
        services.AddSingleton(Bind<ConfirmationPolicy>(configuration, ConfirmationPolicy.SectionName, p => p.Validate()));
        services.AddSingleton(Bind<AccountLinkOptions>(configuration, AccountLinkOptions.SectionName, o => o.Validate()));
        services.AddSingleton(Bind<EligibilityCriteria>(configuration, EligibilityCriteria.ConfigurationSectionName, c => c.Validate()));
    }

    private static T Bind<T>(IConfiguration configuration, string section, Func<T, IReadOnlyList<string>> validate)
        where T : new() => InvalidSettingsException.BindValid(configuration, section, validate);

    private static void AddMessaging(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        var section = configuration.GetSection(EmailOptions.SectionName);
        services.Configure<EmailOptions>(section);
        var email = Bind<EmailOptions>(configuration, EmailOptions.SectionName, e => e.Validate());
        services.AddSingleton(new MailPickupFolder(Path.GetFullPath(email.PickupFolder, dataFolder)));
        if (email.UsesSmtp)
        {
            services.AddSingleton<IEmailSender, SmtpEmailSender>();
        }
        else
        {
            services.AddSingleton<IEmailSender, PickupFolderEmailSender>();
        }

        services.AddTexting(configuration);
        services.AddSingleton(sp => PatientTexts.FromResources(sp.GetRequiredService<ClinicOptions>()));
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
    private static void AddTexting(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmsOptions>(configuration.GetSection(SmsOptions.SectionName));
        services.PostConfigure<SmsOptions>(FakeGatewayDefaults);
        var sms = Bind<SmsOptions>(configuration, SmsOptions.SectionName, o => o.Validate());
        services.AddSingleton(sms.ToPolicy());
        switch (sms.Provider)
        {
            case SmsProvider.Twilio:
                services.AddSingleton(new SmsEndpoint(() => new Uri(sms.BaseUrl.TrimEnd('/') + "/")));
                break;
            case SmsProvider.FakeGateway:
                services.AddSingleton(sp =>
                {
                    var options = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<SmsOptions>>().Value;
                    var gateway = FakeSmsGateway.StartAsync(options.AccountSid!, options.AuthToken!, options.From!, options.FakeGatewayPort).GetAwaiter().GetResult();
                    gateway.AppBaseUrl = new Uri(sp.GetRequiredService<ClinicOptions>().PublicUrl("/"));
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

    /// <summary>The fake gateway needs no secrets: fixed development credentials unless configured.</summary>
    private static void FakeGatewayDefaults(SmsOptions options)
    {
        if (options.Provider != SmsProvider.FakeGateway)
        {
            return;
        }

        options.AccountSid ??= "AC00000000000000000000000000fake";
        options.AuthToken ??= "fake-gateway-development-auth-token";
        options.From ??= "+15550100999";
    }

    public static string ResolveConnectionString(IConfiguration configuration, DatabaseOptions database, string dataFolder)
    {
        var configured = configuration.GetConnectionString("Scheduling") ?? database.ConnectionString;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        if (database.IsServerDatabase)
        {
            throw new InvalidOperationException(
                $"Database:Provider is {database.Provider} but no connection string is set (ConnectionStrings:Scheduling).");
        }

        Directory.CreateDirectory(dataFolder);
        return $"Data Source={Path.Combine(dataFolder, "scheduling.db")}";
    }

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
