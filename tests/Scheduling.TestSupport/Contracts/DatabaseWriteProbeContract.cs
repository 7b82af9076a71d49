using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport.Databases;

namespace Scheduling.TestSupport.Contracts;

/// <summary>
/// The readiness probe asks the database for a write, not a read: a database that answers reads but
/// refuses writes (a read-only file, a read-only server) is reported as not writable, and as writable
/// again once fixed, on the same running app. Each provider breaks its storage the way it really breaks.
/// </summary>
public abstract class DatabaseWriteProbeContract(DatabaseFixture fixture) : AppContract(fixture)
{
    /// <summary>Makes the database refuse writes while it still answers reads.</summary>
    protected abstract Task MakeReadOnlyAsync(ITestDatabase database);

    protected abstract Task MakeWritableAsync(ITestDatabase database);

    [Fact]
    public async Task AWritableDatabase_TakesTheProbesWrite()
    {
        var state = await ProbeAsync(afterFailure: false);

        Assert.True(state.CanWrite, state.Description);
    }

    [Fact]
    public async Task ADatabaseThatAnswersReadsButRefusesWrites_IsNotWritable_UntilItIsFixed()
    {
        await MakeReadOnlyAsync(Fixture.Database);
        try
        {
            // Still answers: a read-only check (CanConnect, a SELECT) would call it healthy.
            Assert.True(await App.WithDbAsync(db => db.Database.CanConnectAsync(TestContext.Current.CancellationToken)));
            var broken = await ProbeAsync(afterFailure: false);
            Assert.False(broken.CanWrite);
            Assert.Contains("refuses writes", broken.Description, StringComparison.Ordinal);
            Assert.Contains("read-only", broken.Description, StringComparison.Ordinal);
        }
        finally
        {
            await MakeWritableAsync(Fixture.Database);
        }

        var fixedAgain = await ProbeAsync(afterFailure: true);
        Assert.True(fixedAgain.CanWrite, fixedAgain.Description);
    }

    private Task<DatabaseWriteState> ProbeAsync(bool afterFailure) =>
        App.WithDbAsync(db => DatabaseWriteProbe.ProbeAsync(db, minimumFreeBytes: 0, afterFailure, TestContext.Current.CancellationToken));
}
