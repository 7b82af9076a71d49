using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;

using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging.Console;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Features.Availability;
using Scheduling.Domain.Common;
using Scheduling.Infrastructure;
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Messaging;
using Scheduling.Infrastructure.Persistence;
using Scheduling.Infrastructure.Slots;
using Scheduling.Web.Commands;
using Scheduling.Web.Composition;
using Scheduling.Web.Fhir;
using Scheduling.Web.Security;

if (args is [ProbeCommand.Name, ..])
{
    // Before anything is composed: the container's health check must be cheap.
    return await ProbeCommand.RunAsync(args, Console.Out);
}

var builder = WebApplication.CreateBuilder(args);
if (StartupSettings.Problems(builder.Configuration, builder.Environment) is { } settingsProblems)
{
    // One line naming each key and its rule, instead of a stack trace the person must dig through.
    await Console.Error.WriteLineAsync(settingsProblems);
    return 1;
}

var configuration = builder.Configuration;
var dataFolder = CompositionRoot.DataFolder(configuration, builder.Environment.ContentRootPath);

builder.Services.AddSchedulingCore(configuration, dataFolder);
builder.Services.AddProxyAndTls(configuration, builder.Environment);
builder.Services.AddClinicCulture(configuration);
builder.AddObservability();
builder.Services.AddSecretRedaction();

// The configured timestamp format ends in a space, which the text formatter needs before the level;
// JSON lines carry the timestamp as a value of its own, an ISO 8601 instant with nothing after it.
builder.Services.PostConfigure<JsonConsoleFormatterOptions>(o => o.TimestampFormat = o.TimestampFormat?.TrimEnd());
builder.Services.AddCommands();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
var security = builder.Services.AddAccountSecurity(configuration, builder.Environment);

builder.Services
    .AddIdentity<ApplicationUser, IdentityRole>(options =>
    {
        // NIST 800-63B: length over composition rules.
        options.Password.RequiredLength = 12;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedAccount = false;
    })
    .AddEntityFrameworkStores<ApplicationDbContext>()
    .AddSignInManager<ApplicationSignInManager>()
    .AddDefaultTokenProviders()
    .AddClaimsPrincipalFactory<TwoFactorClaimsPrincipalFactory>();

builder.Services.ConfigureApplicationCookie(options =>
{
    options.LoginPath = "/account/login";
    options.LogoutPath = "/account/logout";
    options.AccessDeniedPath = "/account/access-denied";
    options.Cookie.Name = "tace.auth";
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = SameSiteMode.Lax;
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

    // Short idle timeout: shared workstations on a ward. The session itself is server-side (see
    // AccountSecurity), with an absolute lifetime on top of this sliding one.
    options.ExpireTimeSpan = security.IdleTimeout;
    options.SlidingExpiration = true;
});

builder.Services.AddAntiforgery(options =>
{
    options.Cookie.Name = "tace.af";
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
});

builder.Services.AddKeyRing(configuration, builder.Environment);

builder.Services.AddSmartBackendServices(configuration);
// Per scope: they read ClinicOptions and EligibilityCriteria, which the clinic edits at /admin/settings.
builder.Services.AddScoped<EligibilityQuestionnaire>();
builder.Services.AddScoped<ReferralResources>();
builder.Services.AddSingleton<CapabilityStatementBuilder>();
builder.Services.AddAuthorization(options =>
{
    Policies.Add(options);
    SmartBackendServices.AddScopePolicies(options);
});
builder.Services.AddRateLimiter(options =>
{
    RateLimits.Add(options);
    SmartBackendServices.AddRateLimit(options);
});
builder.Services.AddControllersWithViews(options =>
{
    options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
});

var database = InvalidSettingsException.Bind<DatabaseOptions>(configuration, DatabaseOptions.SectionName);
builder.Services.AddHangfire(hangfire =>
{
    hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
        .UseSimpleAssemblyNameTypeSerializer()
        .UseRecommendedSerializerSettings();
    if (database.Provider == DatabaseProvider.SqlServer)
    {
        hangfire.UseSqlServerStorage(
            DependencyInjection.ResolveConnectionString(configuration, database, dataFolder),
            new SqlServerStorageOptions { PrepareSchemaIfNecessary = database.MigrateAtStartup, SchemaName = MigrateCommand.HangfireSchema });
    }
    else if (database.Provider == DatabaseProvider.PostgreSql)
    {
        // Tables in the "hangfire" schema of the application database, created and upgraded here;
        // every instance's workers take jobs from it, and a distributed lock runs each recurring job
        // once per schedule however many instances there are.
        var connectionString = DependencyInjection.ResolveConnectionString(configuration, database, dataFolder);
        hangfire.UsePostgreSqlStorage(
            storage => storage.UseNpgsqlConnection(connectionString),
            new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, SchemaName = "hangfire" });
    }
    else
    {
        hangfire.UseInMemoryStorage(new InMemoryStorageOptions());
    }
});
var jobs = InvalidSettingsException.Bind<JobsOptions>(configuration, JobsOptions.SectionName);
if (jobs.RunServer)
{
    builder.Services.AddHangfireServer(options => options.WorkerCount = jobs.WorkerCount);
}

builder.Services.AddScoped<IdentitySeeder>();
builder.Services.AddScoped<DemoScheduleSeeder>();
builder.Services.AddScoped<PracticeSeeder>();

var app = builder.Build();

if (CommandDispatcher.CommandName(args) is not null)
{
    return await StartupFailure.OneLineAsync(() => CommandDispatcher.RunAsync(app, args));
}

// The text provider must accept the configured credentials (a provider that cannot be reached does
// not stop the start: texts wait in the outbox), then the database is made ready.
if (await StartupFailure.OneLineAsync(async () =>
{
    if (await TextProviderCheck.ProblemAsync(app.Services, CancellationToken.None) is { } textProviderProblem)
    {
        throw new InvalidSettingsException([textProviderProblem]);
    }

    await app.PrepareDatabaseAsync();
    return 0;
}) is not 0 and var failed)
{
    return failed;
}
using (var scope = app.Services.CreateScope())
{
    // Registered on every start (AddOrUpdate is idempotent, and with server storage all instances
    // share the one schedule). The sweeper is what guarantees delivery after a crash or restart.
    var recurringJobs = scope.ServiceProvider.GetRequiredService<IRecurringJobManager>();
    recurringJobs.AddOrUpdate<OutboxJobs>(OutboxJobs.SweepJobId, jobs => jobs.Sweep(CancellationToken.None), Cron.Minutely);

    // Rolls the slot horizon forward every night at 02:00 clinic time (on the spring-forward night,
    // when 02:00 does not exist, Hangfire runs it right after the gap). Template, closure and room
    // changes materialize at once, inside their own transaction.
    recurringJobs.AddOrUpdate<SlotJobs>(
        MaterializeSlots.RecurringJobId,
        jobs => jobs.Materialize(CancellationToken.None),
        Cron.Daily(2),
        new RecurringJobOptions { TimeZone = scope.ServiceProvider.GetRequiredService<ClinicTime>().Zone });
    recurringJobs.AddOrUpdate<SessionJobs>(SessionJobs.PurgeJobId, jobs => jobs.Purge(CancellationToken.None), Cron.Daily(3));
    recurringJobs.AddOrUpdate<AccountJobs>(AccountJobs.SweepJobId, jobs => jobs.SweepPasswordResetRequests(CancellationToken.None), Cron.Minutely);
    recurringJobs.AddOrUpdate<ConfirmationJobs>(
        ConfirmationJobs.EscalationJobId, jobs => jobs.Escalate(CancellationToken.None), ConfirmationJobs.EscalationCron);
}

app.UseSecretRedaction();
app.UseProxyAndTls();
app.UseClinicCulture();
app.UseExceptionHandler("/error");
app.UseStatusCodePagesWithReExecute("/error/{0}");

// The FHIR API answers every error as an OperationOutcome (never these HTML pages) and audits each call.
app.UseWhen(context => context.Request.Path.StartsWithSegments(FhirPipeline.BasePath), fhir => fhir.UseMiddleware<FhirPipeline>());

app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseStaticFiles();

// A control character pasted into a form comes back as a message next to its field, never a bare 400
// (nor a 500 where a token reader looks into the form first); so before anything reads a form.
app.UseMiddleware<FormControlCharacters>();
app.UseRouting();
app.UseAuthentication();
app.UseMiddleware<TwoFactorEnrolmentMiddleware>();
app.UseAuthorization();
app.UseRateLimiter();

app.MapHealth();
app.MapHangfireDashboard("/hangfire", new DashboardOptions
{
    Authorization = [new AdminOnlyDashboardFilter()],
    DisplayStorageConnectionString = false,
    AppPath = ProxyAndTls.PathBase(configuration) + "/",
}).RequireAuthorization(Policies.Admin);
app.MapControllers();
app.MapControllerRoute(name: "default", pattern: "{controller=Home}/{action=Index}/{id?}");

await app.RunAsync();
return 0;

/// <summary>Entry point; public so WebApplicationFactory can start the app in tests.</summary>
public partial class Program;
