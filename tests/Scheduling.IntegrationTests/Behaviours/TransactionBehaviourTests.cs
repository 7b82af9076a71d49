using Mediator;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Behaviours;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Rooms;
using Scheduling.TestSupport;
using Scheduling.TestSupport.Databases;

namespace Scheduling.IntegrationTests.Behaviours;

public sealed class TransactionBehaviourTests
{
    [Fact]
    public async Task ARefusedCommand_LeavesNothingTracked_SoALaterSaveInTheSameRequestWritesNoneOfIt()
    {
        await using var database = SqliteTestDatabase.Create();
        await using var app = await TestApp.StartAsync(database, TestContext.Current.CancellationToken);
        var name = $"Refused {Guid.NewGuid():N}"[..30];

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IApplicationDbContext>();
            var behaviour = new TransactionBehaviour<RefusingCommand, Result>(db, scope.ServiceProvider.GetRequiredService<IPostCommitActions>());

            // As a booking that lost at the unique index: the change is in the context when the handler refuses.
            var result = await behaviour.Handle(new RefusingCommand(), (_, _) =>
            {
                db.Rooms.Add(Room.Create(name, null, TestApp.DefaultNow.UtcDateTime));
                return ValueTask.FromResult<Result>(Error.Conflict("Refused."));
            }, TestContext.Current.CancellationToken);

            Assert.False(result.IsSuccess);

            // The page re-rendered after the refusal saves its audit line through the same context.
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        Assert.False(await app.WithDbAsync(db => db.Rooms.AnyAsync(r => r.Name == name, TestContext.Current.CancellationToken)));
    }

    private sealed record RefusingCommand : ICommand<Result>;
}
