using Hangfire;

using Mediator;

using Scheduling.Application.Features.Availability;


namespace Scheduling.Infrastructure.Slots;

/// <summary>
/// Hangfire entry point of the nightly materialization, which rolls the horizon forward one day.
/// No arguments. Concurrent runs (two instances, a manual trigger) are made safe by the database's
/// unique (room, start) index, not by a lock; a failed run is simply repeated the next night or by
/// the next template change, so Hangfire's retries are kept short.
/// </summary>
public sealed class SlotJobs(IMediator mediator)
{
    [AutomaticRetry(Attempts = 2)]
    public async Task Materialize(CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new MaterializeSlots.Command("recurring job"), cancellationToken);
        if (result.Error is { } error)
        {
            throw new InvalidOperationException($"Slot materialization failed: {error.Message}");
        }
    }
}
