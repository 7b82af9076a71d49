using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Security;
using Scheduling.Infrastructure.Identity;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport.Databases;

namespace Scheduling.WebTests.Infrastructure;

public sealed record TestUser(string Email, string Password, string Role)
{
    /// <summary>The Identity user id: tests count only the rows this user's requests wrote.</summary>
    public string Id { get; init; } = string.Empty;
}

/// <summary>
/// One running app for the test assembly with one account per role, created through Identity's
/// UserManager as an administrator would. Tests that change an account (lockout) make their own.
/// </summary>
public sealed class WebApp : IAsyncLifetime
{
    public const string Password = "correct horse battery staple";

    private SchedulingWebFactory? _factory;

    public SchedulingWebFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public TestUser Admin { get; private set; } = null!;

    public TestUser Scheduler { get; private set; } = null!;

    public TestUser Radiologist { get; private set; } = null!;

    public TestUser ReferringPhysician { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _factory = await StartAsync(SqliteTestDatabase.Create());
        Admin = await CreateUserAsync(Roles.Admin);
        Scheduler = await CreateUserAsync(Roles.Scheduler);
        Radiologist = await CreateUserAsync(Roles.Radiologist);
        ReferringPhysician = await CreateUserAsync(Roles.ReferringPhysician);
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
            await _factory.Database.DisposeAsync();
        }
    }

    /// <summary>Starts the app on the given database (migrations run as in production).</summary>
    public static Task<SchedulingWebFactory> StartAsync(SqliteTestDatabase database, Action<IWebHostBuilder>? configure = null)
    {
        var factory = new SchedulingWebFactory(database, configure);
        _ = factory.Server;
        factory.MarkStarted();
        return Task.FromResult(factory);
    }

    public BrowserClient CreateClient() => CreateClient(Factory);

    public static BrowserClient CreateClient(SchedulingWebFactory factory) => new(factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        // https as behind the production proxy: outside Development every cookie is Secure.
        BaseAddress = new Uri("https://localhost"),
    }));

    public Task<TestUser> CreateUserAsync(string role) => CreateUserAsync(Factory, role);

    public static async Task<TestUser> CreateUserAsync(SchedulingWebFactory factory, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@clinic.test";
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            FullName = $"Test {role}",
            LockoutEnabled = true,
        };
        Ensure(await users.CreateAsync(user, Password));
        Ensure(await users.AddToRoleAsync(user, role));
        return new TestUser(email, Password, role) { Id = user.Id };
    }

    public Task<T> WithDbAsync<T>(Func<ApplicationDbContext, Task<T>> action) => WithDbAsync(Factory, action);

    /// <summary>Runs <paramref name="action"/> on a DbContext of its own scope, as one request would have it.</summary>
    public static async Task<T> WithDbAsync<T>(SchedulingWebFactory factory, Func<ApplicationDbContext, Task<T>> action)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
