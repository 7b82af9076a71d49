using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Resources;

/// <summary>
/// Enters a stretch of time a resource cannot be used, on one day (clinic time) and optionally the same
/// weekday for a number of weeks: a physician's leave or Tuesday-afternoon meeting (by an admin, or by
/// the physician on their own page), a room or recovery unit closed from 13:00 for maintenance. No slot
/// is offered for a case that would need it then, with the reason; bookings already holding it then are
/// returned for the scheduler to move; nothing is cancelled.
/// </summary>
public static class AddUnavailability
{
    /// <param name="From">Start, clinic time; with <paramref name="To"/> empty both, the whole day.</param>
    public sealed record Command(
        Guid ResourceId, DateOnly? Date, TimeOnly? From, TimeOnly? To, UnavailabilityKind? Kind, string? Note, int? RepeatWeeks)
        : ICommand<Result<Added>>;

    public sealed record Added(int Occurrences, IReadOnlyList<BookingHit> BookingsHit);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Date).NotNull().WithMessage("Enter the day.");
            RuleFor(c => c.Kind).Must(k => k is { } kind && Enum.IsDefined(kind)).WithMessage("Choose what kind of time away this is.");
            RuleFor(c => c.Note).MaximumLength(Unavailability.NoteMaxLength).WithMessage($"The note can be at most {Unavailability.NoteMaxLength} characters.");
            RuleFor(c => c.RepeatWeeks)
                .Must(w => w is null || w is >= 1 and <= Unavailability.MaxRepeatWeeks)
                .WithMessage($"Repeat for 1 to {Unavailability.MaxRepeatWeeks} weeks.");
            RuleFor(c => c.To)
                .Must((c, to) => (c.From is null) == (to is null)).WithMessage("Enter both times, or neither for the whole day.")
                .Must((c, to) => c.From is null || to is null || to > c.From).WithMessage("The end must be after the start.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, ClinicTime clinicTime, TimeProvider clock)
        : ICommandHandler<Command, Result<Added>>
    {
        public async ValueTask<Result<Added>> Handle(Command command, CancellationToken cancellationToken)
        {
            var resource = await ResourceAccess.FindForAvailabilityAsync(db, user, command.ResourceId, cancellationToken);
            if (resource is null)
            {
                return Error.NotFound("This resource was not found.");
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var weeks = command.RepeatWeeks ?? 1;
            var spans = new List<(DateTime Start, DateTime End)>();
            for (var week = 0; week < weeks; week++)
            {
                var day = command.Date!.Value.AddDays(7 * week);
                var fromOk = clinicTime.TryToUtc(day, command.From ?? TimeOnly.MinValue, out var start);
                var end = DateTime.MinValue;
                var toOk = command.To is { } to ? clinicTime.TryToUtc(day, to, out end) : clinicTime.TryToUtc(day.AddDays(1), TimeOnly.MinValue, out end);
                if (!fromOk || !toOk)
                {
                    return Error.Validation(nameof(Command.From), $"{day:d MMM yyyy} has no such time (the clocks change); choose another time.");
                }

                spans.Add((start, end));
            }

            if (spans[^1].End <= now)
            {
                return Error.Validation(nameof(Command.Date), "This is already over; only time to come can be entered.");
            }

            var seriesId = weeks > 1 ? Guid.NewGuid() : (Guid?)null;
            var createdBy = user.UserName ?? user.UserId ?? "system";
            foreach (var (start, end) in spans)
            {
                db.Unavailabilities.Add(Unavailability.Create(resource.Id, start, end, command.Kind!.Value, command.Note, seriesId, createdBy, now));
            }

            await db.SaveChangesAsync(cancellationToken);

            var hits = new List<BookingHit>();
            foreach (var (start, end) in spans)
            {
                hits.AddRange(await ResourceConflicts.BookingsHitAsync(db, resource.Id, ClaimUnits.Span(start, end), 0, now, cancellationToken));
            }

            return new Added(spans.Count, hits.DistinctBy(h => h.BookingId).OrderBy(h => h.StartUtc).ToList());
        }
    }
}
