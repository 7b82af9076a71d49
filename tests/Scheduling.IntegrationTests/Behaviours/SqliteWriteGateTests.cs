using Scheduling.Infrastructure.Persistence;

namespace Scheduling.IntegrationTests.Behaviours;

public sealed class SqliteWriteGateTests
{
    [Fact]
    public async Task A_second_writer_waits_until_the_first_leaves_and_writers_enter_in_arrival_order()
    {
        using var gate = new SqliteWriteGate();
        var entered = new List<int>();

        var first = await gate.EnterAsync(TestContext.Current.CancellationToken);
        var second = gate.EnterAsync(TestContext.Current.CancellationToken).AsTask().ContinueWith(t => { lock (entered) { entered.Add(2); } return t.Result; }, TaskScheduler.Default);
        var third = gate.EnterAsync(TestContext.Current.CancellationToken).AsTask().ContinueWith(t => { lock (entered) { entered.Add(3); } return t.Result; }, TaskScheduler.Default);

        Assert.False(second.IsCompleted);
        Assert.False(third.IsCompleted);

        await first.DisposeAsync();
        var secondTurn = await second;
        Assert.False(third.IsCompleted);

        await secondTurn.DisposeAsync();
        await (await third).DisposeAsync();
        Assert.Equal([2, 3], entered);
    }

    [Fact]
    public async Task Leaving_twice_frees_one_turn_only()
    {
        using var gate = new SqliteWriteGate();
        var turn = await gate.EnterAsync(TestContext.Current.CancellationToken);
        await turn.DisposeAsync();
        await turn.DisposeAsync();

        var next = await gate.EnterAsync(TestContext.Current.CancellationToken);
        var afterNext = gate.EnterAsync(TestContext.Current.CancellationToken).AsTask();

        Assert.False(afterNext.IsCompleted);
        await next.DisposeAsync();
        await (await afterNext).DisposeAsync();
    }
}
