using Microsoft.Extensions.DependencyInjection;

using Scheduling.Domain.Common;
using Scheduling.TestSupport.Databases;

namespace Scheduling.TestSupport.Contracts;

/// <summary>
/// What every contract class starts with: xunit makes one instance per test, so each test gets an app
/// of its own (and, where the contract sends mail, a loopback SMTP server of its own) on the provider's
/// shared database, disposed after it.
/// </summary>
public abstract class AppContract(DatabaseFixture fixture) : IAsyncLifetime
{
    private TestApp? _app;
    private TestSmtpServer? _smtp;

    protected DatabaseFixture Fixture => fixture;

    protected TestApp App => _app ?? throw new InvalidOperationException("The app has not started.");

    protected TestSmtpServer Smtp => _smtp ?? throw new InvalidOperationException("SMTP has not started; the contract's UsesSmtp is false.");

    protected DateTime Now => App.Clock.GetUtcNow().UtcDateTime;

    protected ClinicTime ClinicTime => App.Services.GetRequiredService<ClinicTime>();

    /// <summary>Whether the app sends its mail to a loopback SMTP server started for the test.</summary>
    protected virtual bool UsesSmtp => false;

    public virtual async ValueTask InitializeAsync()
    {
        if (UsesSmtp)
        {
            _smtp = TestSmtpServer.Start();
        }

        _app = await StartAppAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_smtp is not null)
        {
            await _smtp.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The app as the product wires it, on the contract's database (mailing to <see cref="Smtp"/> when it has one).</summary>
    protected virtual Task<TestApp> StartAppAsync() =>
        TestApp.StartAsync(fixture.Database, TestContext.Current.CancellationToken, _smtp?.Settings);
}
