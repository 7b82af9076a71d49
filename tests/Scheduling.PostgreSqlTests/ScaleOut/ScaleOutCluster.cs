using System.Globalization;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Security;
using Scheduling.Infrastructure.Identity;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;

namespace Scheduling.PostgreSqlTests.ScaleOut;

/// <summary>
/// Two instances of the built app behind no load balancer at all (each test picks an instance per
/// request, which is what a balancer without sticky sessions does), on one PostgreSQL database of
/// their own, both running Hangfire workers, in Production configuration. Each instance sends mail to
/// its own loopback SMTP server, so a test can hold one instance's deliveries; messages are counted
/// over both. Both start at once on the empty database, as a fresh deployment of two nodes would.
/// </summary>
public sealed class ScaleOutCluster : IAsyncLifetime
{
    public const string Password = "scale-out-test-password";

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "tace-scaleout", Guid.NewGuid().ToString("N"));
    private PostgreSqlTestDatabase? _database;
    private TestApp? _app;

    public WebInstance A { get; private set; } = null!;

    public WebInstance B { get; private set; } = null!;

    public TestSmtpServer SmtpA { get; private set; } = null!;

    public TestSmtpServer SmtpB { get; private set; } = null!;

    /// <summary>Each instance's text provider (the fake gateway on loopback), so a test can hold one instance's texts.</summary>
    public Scheduling.Infrastructure.Messaging.Sms.FakeSmsGateway TextsA { get; private set; } = null!;

    public Scheduling.Infrastructure.Messaging.Sms.FakeSmsGateway TextsB { get; private set; } = null!;

    /// <summary>Every text the gateways accepted, from both instances.</summary>
    public IReadOnlyList<Scheduling.Infrastructure.Messaging.Sms.FakeText> Texts => [.. TextsA.Texts, .. TextsB.Texts];

    public PostgreSqlTestDatabase Database => _database ?? throw new InvalidOperationException("Not started.");

    /// <summary>The application below the web layer on the same database, for seeding and looking.</summary>
    public TestApp App => _app ?? throw new InvalidOperationException("Not started.");

    public string SchedulerEmail { get; } = $"scheduler-{Guid.NewGuid():N}@clinic.test";

    /// <summary>How long a claimed outbox message stays claimed (short here, so a killed sender's claims lapse soon).</summary>
    public const int ClaimTimeoutSeconds = 30;

    public const int WorkersPerInstance = 2;

    /// <summary>Every message the SMTP servers accepted, from both instances.</summary>
    public IReadOnlyList<MimeKit.MimeMessage> Received => [.. SmtpA.Received, .. SmtpB.Received];

    /// <summary>Both instances' recent console output, for failure messages.</summary>
    public string Logs => $"--- A ---{Environment.NewLine}{A.Output}{Environment.NewLine}--- B ---{Environment.NewLine}{B.Output}";

    public async ValueTask InitializeAsync()
    {
        if (!PostgreSqlServer.IsConfigured)
        {
            return;
        }

        var ct = TestContext.Current.CancellationToken;
        Directory.CreateDirectory(_dataFolder);
        _database = await PostgreSqlServer.CreateDatabaseAsync("scaleout", ct);
        SmtpA = TestSmtpServer.Start();
        SmtpB = TestSmtpServer.Start();
        TextsA = await TestTexts.StartGatewayAsync();
        TextsB = await TestTexts.StartGatewayAsync();
        A = StartInstance("A", SmtpA, TextsA);
        B = StartInstance("B", SmtpB, TextsB);
        await Task.WhenAll(A.WaitUntilListeningAsync(ct), B.WaitUntilListeningAsync(ct));

        _app = await TestApp.StartAsync(Database, ct);
        await AddSchedulerAsync();
    }

    /// <summary>Starts instance A again after a test killed it (same database, same mail server).</summary>
    public async Task RestartAAsync()
    {
        await A.DisposeAsync();
        A = StartInstance("A", SmtpA, TextsA);
        await A.WaitUntilListeningAsync(TestContext.Current.CancellationToken);
    }

    public async Task<Browser> SignedInSchedulerAsync(WebInstance instance)
    {
        var browser = new Browser();
        await browser.SignInAsync(instance.BaseAddress, SchedulerEmail, Password);
        return browser;
    }

    public async ValueTask DisposeAsync()
    {
        if (_database is null)
        {
            return;
        }

        await A.DisposeAsync();
        await B.DisposeAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await SmtpA.DisposeAsync();
        await SmtpB.DisposeAsync();
        await TextsA.DisposeAsync();
        await TextsB.DisposeAsync();
        await _database.DisposeAsync();
        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind must not fail the run.
        }
    }

    private WebInstance StartInstance(string name, TestSmtpServer smtp, Scheduling.Infrastructure.Messaging.Sms.FakeSmsGateway texts) => WebInstance.Start(name, ContentRoot, new Dictionary<string, string>
    {
        // Texts through Twilio's API at this instance's gateway; its credentials are checked at start.
        // No quiet hours: the tests run at any hour of the clinic's night.
        ["Sms__Provider"] = "Twilio",
        ["Sms__BaseUrl"] = texts.BaseUrl.ToString(),
        ["Sms__AccountSid"] = TestTexts.AccountSid,
        ["Sms__AuthToken"] = TestTexts.AuthToken,
        ["Sms__From"] = TestTexts.ClinicNumber,
        ["Sms__TimeoutSeconds"] = "120",
        ["Sms__QuietHoursStart"] = "00:00",
        ["Sms__QuietHoursEnd"] = "00:00",
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__Provider"] = "PostgreSql",
        ["ConnectionStrings__Scheduling"] = Database.ConnectionString,
        ["Storage__DataFolder"] = _dataFolder,
        ["Email__Smtp__Host"] = "127.0.0.1",
        ["Email__Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Email__Smtp__UseTls"] = "false",
        // A held send waits for the kill rather than timing out and moving on to the next message.
        ["Email__Smtp__TimeoutSeconds"] = "600",
        ["Email__ClaimTimeoutSeconds"] = ClaimTimeoutSeconds.ToString(CultureInfo.InvariantCulture),
        ["Email__RetryDelaysSeconds__0"] = "1",
        ["Email__RetryDelaysSeconds__1"] = "1",
        ["Email__RetryDelaysSeconds__2"] = "1",
        ["Clinic__PublicBaseUrl"] = "https://scheduling.clinic.test",
        // Production refuses the placeholder clinic identity.
        ["Clinic__Name"] = "Scale-out Test Clinic",
        ["Clinic__Phone"] = "+1 617 555 0142",
        ["Clinic__Address"] = "1 Test Campus Road",
        // Production encrypts the key ring with a certificate; every instance has the same one.
        ["DataProtection__CertificatePath"] = KeyRingCertificates.Shared,
        ["DataProtection__CertificatePassword"] = KeyRingCertificates.Password,
        ["Email__FromAddress"] = "scheduling@clinic.example.org",
        ["Jobs__RunServer"] = "true",
        ["Jobs__WorkerCount"] = WorkersPerInstance.ToString(CultureInfo.InvariantCulture),
        ["RateLimits__SignInPerMinute"] = "200",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    });

    /// <summary>The web project's folder: its wwwroot and appsettings.json, as a deployment carries them.</summary>
    private static string ContentRoot => Path.Combine(RepositoryRoot.Path, "src", "Scheduling.Web");

    /// <summary>A scheduler account written straight to the database (the instances created the roles at start-up).</summary>
    private Task AddSchedulerAsync() => App.WithDbAsync(async db =>
    {
        var user = new ApplicationUser
        {
            UserName = SchedulerEmail,
            NormalizedUserName = SchedulerEmail.ToUpperInvariant(),
            Email = SchedulerEmail,
            NormalizedEmail = SchedulerEmail.ToUpperInvariant(),
            EmailConfirmed = true,
            FullName = "Scale-out Scheduler",
            LockoutEnabled = true,
            SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        user.PasswordHash = new PasswordHasher<ApplicationUser>().HashPassword(user, Password);
        db.Users.Add(user);
        var role = await db.Roles.SingleAsync(r => r.Name == Roles.Scheduler);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
    });
}
