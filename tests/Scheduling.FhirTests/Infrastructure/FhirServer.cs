using System.Security.Cryptography;

using Hangfire;
using Hangfire.AspNetCore;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Features.Integration;
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;

namespace Scheduling.FhirTests.Infrastructure;

/// <summary>
/// The real app (Program.cs) listening on a loopback port, so the tests' FhirClient and token requests
/// go over real HTTP as a hospital's integration engine would. Environment "Testing": no demo
/// accounts, no Hangfire server (enqueued jobs are recorded).
/// </summary>
public sealed class FhirServer : IAsyncLifetime
{
    private readonly Func<CancellationToken, Task<ITestDatabase>> _createDatabase;
    private WebApplicationFactory<Program>? _factory;
    private ITestDatabase? _database;
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "tace-tests", "fhir-" + Guid.NewGuid().ToString("N"));

    public FhirServer() => _createDatabase = _ => Task.FromResult<ITestDatabase>(SqliteTestDatabase.Create());

    private FhirServer(Func<CancellationToken, Task<ITestDatabase>> createDatabase, TimeProvider clock)
    {
        _createDatabase = createDatabase;
        Clock = clock;
    }

    /// <summary>
    /// A server of a test's own, on the database it makes (PostgreSQL for the race on a server
    /// database), and with a clock the test moves when it gives one (the app's every "now", the token
    /// server's included; <see cref="SmartClient"/> signs its assertions by it).
    /// </summary>
    public static FhirServer On(Func<CancellationToken, Task<ITestDatabase>> createDatabase, TimeProvider? clock = null) =>
        new(createDatabase, clock ?? TimeProvider.System);

    /// <summary>On SQLite, with the clock the test moves.</summary>
    public static FhirServer Clocked(TimeProvider clock) =>
        new(_ => Task.FromResult<ITestDatabase>(SqliteTestDatabase.Create()), clock);

    /// <summary>The app's clock (the system's unless the test gave one).</summary>
    public TimeProvider Clock { get; } = TimeProvider.System;

    /// <summary>
    /// The app's public address, https as behind the clinic's TLS proxy. The tests' HTTP goes through
    /// <see cref="TlsProxyHandler"/>, which plays that proxy on loopback (plain http with
    /// X-Forwarded-Proto: https, believed from loopback), so every URL the server writes is the public one.
    /// </summary>
    public string BaseUrl { get; private set; } = string.Empty;

    public string FhirBase => BaseUrl + "/fhir";

    public string TokenEndpoint => BaseUrl + "/auth/token";

    public IServiceProvider Services => _factory?.Services ?? throw new InvalidOperationException("Not started.");

    public RecordingBackgroundJobs Jobs { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dataFolder);
        _database = await _createDatabase(TestContext.Current.CancellationToken);
        var port = LoopbackPort.Free();
        var listenUrl = $"http://127.0.0.1:{port}";
        BaseUrl = $"https://127.0.0.1:{port}";
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", _database.Provider.ToString());
            builder.UseSetting("ConnectionStrings:Scheduling", _database.ConnectionString);
            builder.UseSetting("Storage:DataFolder", _dataFolder);
            builder.UseSetting("Jobs:RunServer", "false");
            builder.UseSetting("Clinic:PublicBaseUrl", BaseUrl);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, listenUrl);
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<IBackgroundJobs>();
                services.AddSingleton<IBackgroundJobs>(Jobs);
                if (Clock != TimeProvider.System)
                {
                    services.RemoveAll<TimeProvider>();
                    services.AddSingleton(Clock);
                }
            });
        });
        _factory.UseKestrel();
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        if (!addresses.Addresses.Any(a => a.TrimEnd('/').EndsWith($":{port}", StringComparison.Ordinal)))
        {
            throw new InvalidOperationException($"The app listens on {string.Join(", ", addresses.Addresses)}, not on port {port}.");
        }

        // Hangfire's client logs through a process-wide provider; point it at this app's loggers.
        GlobalConfiguration.Configuration.UseLogProvider(new AspNetCoreLogProvider(_factory.Services.GetRequiredService<ILoggerFactory>()));
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open must not fail a passing run; the temp folder is disposable.
        }
    }

    /// <summary>A referring doctor's account (the one a client acts for), created as an admin would.</summary>
    public async Task<string> CreateDoctorAsync(string practice = "Riverside Oncology")
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"doctor-{Guid.NewGuid():N}@practice.test";
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = "Dr Grace Hopper",
            PracticeName = practice,
            PracticePhone = "555-0142",
            Npi = "1234567893",
        };
        Assert.True((await users.CreateAsync(user, "correct horse battery staple")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.ReferringPhysician)).Succeeded);
        return user.Id;
    }

    /// <summary>
    /// Registers a system client as the admin page does (the same use case, run here as an
    /// administrator), with a new key pair whose private half only the test holds.
    /// </summary>
    public async Task<SmartClient> RegisterClientAsync(IReadOnlyList<string> scopes, string? doctorUserId = null, bool ec = false)
    {
        doctorUserId ??= await CreateDoctorAsync();
        AsymmetricAlgorithm key = ec ? ECDsa.Create(ECCurve.NamedCurves.nistP384) : RSA.Create(2048);
        var pem = key switch
        {
            RSA rsa => rsa.ExportSubjectPublicKeyInfoPem(),
            ECDsa ecdsa => ecdsa.ExportSubjectPublicKeyInfoPem(),
            _ => throw new InvalidOperationException(),
        };
        var registered = await AsAdminAsync(async (db, services) =>
        {
            var handler = new RegisterClient.Handler(
                db,
                services.GetRequiredService<IAccounts>(),
                services.GetRequiredService<IClientCredentials>(),
                AdminUser(),
                TimeProvider.System);
            var result = await handler.Handle(new RegisterClient.Command("St Mary's EHR " + Guid.NewGuid().ToString("N")[..6], doctorUserId, scopes, pem), CancellationToken.None);
            Assert.True(result.IsSuccess, result.Error?.Message);
            return result.Value;
        });
        return new SmartClient(this, registered.ClientId, registered.KeyIds[0], key, doctorUserId, registered.Id);
    }

    /// <summary>Runs an administrator's use case handler inside one transaction, as the pipeline would.</summary>
    public async Task<T> AsAdminAsync<T>(Func<ApplicationDbContext, IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();

        // PostgreSQL's retrying strategy takes a transaction only as one retriable unit.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var result = await action(db, scope.ServiceProvider);
            await transaction.CommitAsync();
            return result;
        });
    }

    public static FakeCurrentUser AdminUser()
    {
        var admin = new FakeCurrentUser();
        admin.SignInAs("fhir-tests-admin", "admin@clinic.test", Roles.Admin);
        return admin;
    }

    public async Task<T> WithDbAsync<T>(Func<ApplicationDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }
}
