using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Infrastructure.Settings;
using Scheduling.TestSupport.Databases;
using Scheduling.WebTests.Infrastructure;

namespace Scheduling.WebTests.Composition;

/// <summary>
/// Clinic-editable settings (ClinicOptions, EmailOptions, AppointmentPolicy, ConfirmationPolicy,
/// EligibilityCriteria: whatever <see cref="ClinicSettingsCatalog"/> lists) are read per request, so a
/// change an admin saves is in use at once on every instance. A singleton that took one would keep the
/// first values for the life of the process. Read from the app's own service registrations.
/// </summary>
public sealed class ClinicSettingsLifetimeTests
{
    [Fact]
    public async Task EveryClinicEditableSettingsClass_IsResolvedPerScope_AndNoSingletonTakesOne()
    {
        List<ServiceDescriptor> registered = [];
        var factory = await WebApp.StartAsync(SqliteTestDatabase.Create(), builder =>
            builder.ConfigureTestServices(services => registered = [.. services]));
        await using (factory)
        {
            await using var database = factory.Database;
            var editable = ClinicSettingsCatalog.Groups.Select(g => g.SettingsType).ToHashSet();
            Assert.Equal(5, editable.Count);

            foreach (var type in editable)
            {
                Assert.Equal(ServiceLifetime.Scoped, registered.Last(d => d.ServiceType == type).Lifetime);
            }

            var singletonsTakingOne = registered
                .Where(d => d.Lifetime == ServiceLifetime.Singleton && !d.IsKeyedService && d.ImplementationType is not null)
                .Where(d => d.ImplementationType!.GetConstructors().Any(c => c.GetParameters().Any(p => editable.Contains(p.ParameterType))))
                .Select(d => d.ImplementationType!.FullName)
                .ToList();
            Assert.Empty(singletonsTakingOne);
        }
    }
}
