using Mediator;

using Scheduling.Application.Common.Results;

namespace Scheduling.Application.Features.Availability;

/// <summary>The recurring job's entry point: one materialization run in its own transaction.</summary>
public static class MaterializeSlots
{
    public const string RecurringJobId = "materialize-slots";

    /// <param name="Trigger">Why it runs, for the audit line ("recurring job", "start-up"); never patient data.</param>
    public sealed record Command(string Trigger) : ICommand<Result<MaterializationSummary>>;

    public sealed class Handler(SlotMaterializer materializer) : ICommandHandler<Command, Result<MaterializationSummary>>
    {
        public async ValueTask<Result<MaterializationSummary>> Handle(Command command, CancellationToken cancellationToken) =>
            await materializer.RunAsync(command.Trigger, roomId: null, cancellationToken);
    }
}
