using Mediator;

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport.Databases;
using Scheduling.Web.Composition;

namespace Scheduling.TestSupport;

/// <summary>
/// The application below the web layer, wired exactly as the app wires it
/// (<see cref="CompositionRoot.AddSchedulingCore"/>), on a real database, with a settable user and a
/// fake clock. Each <see cref="SendAsync{TResponse}(ICommand{TResponse}, CancellationToken)"/> runs in
/// a fresh scope, as one web request would.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    /// <summary>A fixed Monday morning (UTC), so audit times and other instants can be asserted exactly.</summary>
    public static readonly DateTimeOffset DefaultNow = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    private TestApp(ServiceProvider services, FakeCurrentUser user, FakeTimeProvider clock, RecordingBackgroundJobs jobs)
    {
        _services = services;
        User = user;
        Clock = clock;
        Jobs = jobs;
    }

    /// <summary>Background jobs the code asked for, in order; nothing runs until a test runs them.</summary>
    public RecordingBackgroundJobs Jobs { get; }

    public FakeCurrentUser User { get; }

    public FakeTimeProvider Clock { get; }

    public IServiceProvider Services => _services;

    public static async Task<TestApp> StartAsync(
        ITestDatabase database,
        CancellationToken cancellationToken = default,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Scheduling"] = database.ConnectionString,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var user = new FakeCurrentUser();
        var clock = new FakeTimeProvider(DefaultNow);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(clock);
        services.AddSchedulingCore(configuration, Path.Combine(Path.GetTempPath(), "tace-tests", "data"));
        services.RemoveAll<ICurrentUser>();
        services.AddSingleton<ICurrentUser>(user);

        // No Hangfire here: enqueued jobs are recorded so tests can run them (or not, to play a crash).
        var jobs = new RecordingBackgroundJobs();
        services.RemoveAll<IBackgroundJobs>();
        services.AddSingleton<IBackgroundJobs>(jobs);
        configureServices?.Invoke(services);

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        var app = new TestApp(provider, user, clock, jobs);
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        }

        return app;
    }

    public async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command, CancellationToken cancellationToken = default)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, cancellationToken);
    }

    public async Task<TResponse> SendAsync<TResponse>(IQuery<TResponse> query, CancellationToken cancellationToken = default)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query, cancellationToken);
    }

    /// <summary>Looks at (or tampers with) the database through a context of its own scope.</summary>
    public async Task<T> WithDbAsync<T>(Func<ApplicationDbContext, Task<T>> action)
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    public async Task WithDbAsync(Func<ApplicationDbContext, Task> action)
    {
        await using var scope = _services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<ApplicationDbContext>());
    }

    /// <summary>Resolves a service in a fresh scope and runs something with it (a job, a dispatcher).</summary>
    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> action)
        where TService : notnull
    {
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
