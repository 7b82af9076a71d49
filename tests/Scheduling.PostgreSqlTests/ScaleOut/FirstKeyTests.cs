using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;
using Scheduling.Web.Composition;

namespace Scheduling.PostgreSqlTests.ScaleOut;

/// <summary>
/// Instances that start together on a new database must share one Data Protection key: with a key each,
/// an instance that read the ring before the other's key was written refuses every cookie the other
/// signs (seen in CI: a scheduler signed in on one instance was sent to sign in again by the other).
/// </summary>
public sealed class FirstKeyTests
{
    private const int Instances = 6;

    [Fact]
    public async Task InstancesStartingTogetherOnANewDatabase_MakeOneKey_AndEachReadsWhatAnyOtherProtected()
    {
        PostgreSqlServer.SkipUnlessConfigured();
        var ct = TestContext.Current.CancellationToken;
        await using var database = await PostgreSqlServer.CreateDatabaseAsync("firstkey", ct);
        var apps = new List<TestApp>();
        try
        {
            for (var i = 0; i < Instances; i++)
            {
                // Each as the web app wires its key ring: in the database, encrypted with the certificate.
                apps.Add(await TestApp.StartAsync(database, ct, KeyRingSettings, services => services.AddKeyRing(
                    new ConfigurationBuilder().AddInMemoryCollection(KeyRingSettings).Build(), Environment)));
            }

            // All start at one signal, as instances a deployment brings up at once.
            var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var starts = apps.Select(app => Task.Run(async () =>
            {
                await go.Task;
                await StartAsync(app, ct);
            }, ct)).ToList();
            go.SetResult();
            await Task.WhenAll(starts).WaitAsync(TimeSpan.FromMinutes(1), ct);

            var keys = await apps[0].WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().CountAsync(ct));
            Assert.Equal(1, keys);

            // A cookie one instance signs is read by every other.
            const string Purpose = "first-key-test";
            var sealedByEach = apps.Select((app, i) => app.Services.GetRequiredService<IDataProtectionProvider>()
                .CreateProtector(Purpose).Protect($"from {i}")).ToList();
            foreach (var app in apps)
            {
                var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
                Assert.Equal(Enumerable.Range(0, Instances).Select(i => $"from {i}"), sealedByEach.Select(protector.Unprotect));
            }

            // A later start finds the key and makes none.
            await StartAsync(apps[0], ct);
            Assert.Equal(1, await apps[0].WithDbAsync(db => db.DataProtectionKeys.AsNoTracking().CountAsync(ct)));
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }

    // What each start does (StartupTasks), in a scope of its own.
    private static async Task StartAsync(TestApp app, CancellationToken ct)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await KeyRing.EnsureKeyInUseAsync(scope.ServiceProvider, ct);
    }

    private static Dictionary<string, string?> KeyRingSettings => new()
    {
        ["DataProtection:CertificatePath"] = KeyRingCertificates.Shared,
        ["DataProtection:CertificatePassword"] = KeyRingCertificates.Password,
    };

    private static HostingEnvironment Environment => new()
    {
        EnvironmentName = Environments.Development,
        ApplicationName = "Scheduling.Web",
        ContentRootPath = AppContext.BaseDirectory,
        ContentRootFileProvider = new NullFileProvider(),
    };
}
