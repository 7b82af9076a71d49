using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;

using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Features.Slots;
using Scheduling.Domain.Slots;
using Scheduling.Infrastructure;
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Messaging;
using Scheduling.Infrastructure.Persistence;
using Scheduling.Infrastructure.Slots;
using Scheduling.Web.Composition;
using Scheduling.Web.Security;

var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;
var dataFolder = CompositionRoot.DataFolder(configuration, builder.Environment.ContentRootPath);

builder.Services.AddSchedulingCore(configuration, dataFolder);
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();

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
    .AddDefaultTokenProviders();

builder.Services.ConfigureApplicationCookie(options =>
{
    options.LoginPath = "/account/login";
    options.LogoutPath = "/account/logout";
    options.AccessDeniedPath = "/account/access-denied";
    options.Cookie.Name = "tace.auth";
    options.Cookie.HttpOnly = true;
    options.Cookie.SameSite = SameSiteMode.Lax;
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

    // Short idle timeout: shared workstations on a ward.
    options.ExpireTimeSpan = TimeSpan.FromMinutes(configuration.GetValue("Security:IdleTimeoutMinutes", 20));
    options.SlidingExpiration = true;
});

builder.Services.AddAntiforgery(options =>
{
    options.Cookie.Name = "tace.af";
    options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
});

builder.Services.AddDataProtection()
    .SetApplicationName("tace-scheduling")
    .PersistKeysToDbContext<ApplicationDbContext>();

builder.Services.AddAuthorization(Policies.Add);
builder.Services.AddRateLimiter(options => RateLimits.Add(options, configuration));
builder.Services.AddControllersWithViews(options =>
{
    options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
});

var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
builder.Services.AddHangfire(hangfire =>
{
    hangfire.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
        .UseSimpleAssemblyNameTypeSerializer()
        .UseRecommendedSerializerSettings();
    if (database.Provider == DatabaseProvider.SqlServer)
    {
        hangfire.UseSqlServerStorage(
            DependencyInjection.ResolveConnectionString(configuration, database, dataFolder),
            new SqlServerStorageOptions { PrepareSchemaIfNecessary = true, SchemaName = "hangfire" });
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
if (configuration.GetValue("Jobs:RunServer", true))
{
    builder.Services.AddHangfireServer(options => options.WorkerCount = configuration.GetValue("Jobs:WorkerCount", 2));
}

builder.Services.AddHealthChecks().AddDbContextCheck<ApplicationDbContext>("database");
builder.Services.AddScoped<IdentitySeeder>();
builder.Services.AddScoped<DemoScheduleSeeder>();
builder.Services.AddScoped<PracticeSeeder>();

var app = builder.Build();

// `seed --scale N`: builds a practice under load in a fresh database and exits (see PracticeSeeder).
if (args is ["seed", ..])
{
    await using var seedScope = app.Services.CreateAsyncScope();
    var summary = await seedScope.ServiceProvider.GetRequiredService<PracticeSeeder>().SeedAsync(PracticeSeeder.ParseArguments(args));
    Console.WriteLine(
        $"Seeded {summary.Rooms} rooms, {summary.Doctors} doctors, {summary.Referrals} referrals, {summary.Slots} slots, {summary.Bookings} bookings in {summary.Elapsed.TotalSeconds:0.0} s.");
    return;
}

using (var scope = app.Services.CreateScope())
{
    await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync();
    await scope.ServiceProvider.GetRequiredService<IdentitySeeder>().SeedAsync();
    await scope.ServiceProvider.GetRequiredService<DemoScheduleSeeder>().SeedAsync();

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
    recurringJobs.AddOrUpdate<ConfirmationJobs>(
        ConfirmationJobs.EscalationJobId, jobs => jobs.Escalate(CancellationToken.None), ConfirmationJobs.EscalationCron);
}

app.UseExceptionHandler("/error");
app.UseStatusCodePagesWithReExecute("/error/{0}");
if (!app.Environment.IsDevelopment())
{
    app.UseHsts();
}

app.UseMiddleware<SecurityHeadersMiddleware>();
app.UseStaticFiles();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapHealthChecks("/health").AllowAnonymous();
app.MapHangfireDashboard("/hangfire", new DashboardOptions
{
    Authorization = [new AdminOnlyDashboardFilter()],
    DisplayStorageConnectionString = false,
    AppPath = "/",
}).RequireAuthorization(Policies.Admin);
app.MapControllers();
app.MapControllerRoute(name: "default", pattern: "{controller=Home}/{action=Index}/{id?}");

app.Run();

/// <summary>Entry point; public so WebApplicationFactory can start the app in tests.</summary>
public partial class Program;
