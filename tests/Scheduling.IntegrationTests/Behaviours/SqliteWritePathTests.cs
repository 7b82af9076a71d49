using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Domain.Rooms;
using Scheduling.Infrastructure.Persistence;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Behaviours;

/// <summary>
/// Every way the app's database context writes takes the write turn by itself (SqliteWriteTurns), and
/// a row written past it, on a connection used directly, is counted by SQLite's update hook.
/// </summary>
public sealed class SqliteWritePathTests
{
    [Fact]
    public async Task SaveChanges_ATransaction_ExecuteUpdate_AndRawSql_EachTakeTheTurn_AndARowWrittenPastItIsCounted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(database, ct);
        var gate = app.Services.GetRequiredService<SqliteWriteGate>();
        var name = $"Gate {Guid.NewGuid():N}"[..30];

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            var turns = gate.TurnsTaken;

            db.Rooms.Add(Room.Create(name, null, TestApp.DefaultNow.UtcDateTime));
            await db.SaveChangesAsync(ct);
            Assert.False(gate.IsHeld);

            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                Assert.True(gate.IsHeld);
                await db.Rooms.Where(r => r.Name == name).ExecuteUpdateAsync(s => s.SetProperty(r => r.Location, "in a transaction"), ct);
                await transaction.CommitAsync(ct);
            }

            Assert.False(gate.IsHeld);
            await db.Rooms.Where(r => r.Name == name).ExecuteUpdateAsync(s => s.SetProperty(r => r.Location, "alone"), ct);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"Rooms\" SET \"Location\" = 'raw' WHERE \"Name\" = {0}", [name], ct);
            Assert.False(gate.IsHeld);
            Assert.True(gate.WritesOutsideTurn == 0, $"{gate.WritesOutsideTurn} rows written outside a turn, the last in {gate.LastTableWrittenOutsideTurn}.");
            Assert.True(gate.TurnsTaken - turns >= 4, $"{gate.TurnsTaken - turns} write turns for a save, a transaction, an ExecuteUpdate and a raw statement.");

            // The same statement on the connection itself goes past the context's interceptors.
            await db.Database.OpenConnectionAsync(ct);
            await using (var past = ((SqliteConnection)db.Database.GetDbConnection()).CreateCommand())
            {
                past.CommandText = "UPDATE \"Rooms\" SET \"Location\" = 'past the gate' WHERE \"Name\" = $name";
                past.Parameters.AddWithValue("$name", name);
                Assert.Equal(1, await past.ExecuteNonQueryAsync(ct));
            }

            await db.Database.CloseConnectionAsync();
        }

        Assert.Equal(1, gate.WritesOutsideTurn);
    }

    [Fact]
    public async Task ATransactionThatIsDisposedWithoutCommit_GivesTheTurnBack()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(database, ct);
        var gate = app.Services.GetRequiredService<SqliteWriteGate>();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApplicationDbContext>();
            await using (await db.Database.BeginTransactionAsync(ct))
            {
                db.Rooms.Add(Room.Create($"Dropped {Guid.NewGuid():N}"[..30], null, TestApp.DefaultNow.UtcDateTime));
                await db.SaveChangesAsync(ct);
                Assert.True(gate.IsHeld);
            }

            Assert.False(gate.IsHeld);
        }

        // The next writer gets its turn at once.
        await using var next = await gate.EnterAsync(ct);
        Assert.True(gate.IsHeld);
    }
}
