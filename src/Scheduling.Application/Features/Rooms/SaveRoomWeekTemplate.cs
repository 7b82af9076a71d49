using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Availability;
using Scheduling.Domain.Common;
using Scheduling.Domain.Slots;

namespace Scheduling.Application.Features.Rooms;

/// <summary>
/// Saves a room's whole week at once: an open weekday gets (or keeps, changed) its template, a closed
/// one loses it. Slots are rematerialized in the same transaction, so the calendar never shows slots
/// of a template that no longer exists.
/// </summary>
public static class SaveRoomWeekTemplate
{
    public sealed record Day(
        DayOfWeek Weekday,
        bool Open,
        TimeOnly? FirstStart,
        int? TurnoverMinutes,
        decimal? RecoveryHours,
        TimeOnly? UnitCloses);

    public sealed record Command(Guid RoomId, IReadOnlyList<Day> Days) : ICommand<Result<MaterializationSummary>>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.Days)
                .NotNull()
                .Must(days => days.Select(d => d.Weekday).Distinct().Count() == days.Count)
                .WithMessage("Each weekday can appear only once.");
            RuleForEach(c => c.Days).ChildRules(day =>
            {
                day.RuleFor(d => d.Weekday).IsInEnum();
                day.When(d => d.Open, () =>
                {
                    day.RuleFor(d => d.FirstStart).NotNull().WithMessage("Enter the first start time.");
                    day.RuleFor(d => d.TurnoverMinutes).NotNull().WithMessage("Enter the turnover in minutes.");
                    day.RuleFor(d => d.RecoveryHours).NotNull().WithMessage("Enter the recovery time in hours.");
                    day.RuleFor(d => d.RecoveryHours)
                        .Must(h => h is null || decimal.Round(h.Value * 60) == h.Value * 60)
                        .WithMessage("Recovery must be a whole number of minutes (e.g. 4 or 3.5 hours).");
                    day.RuleFor(d => d.UnitCloses).NotNull().WithMessage("Enter the time the day unit closes.");
                });
            });
        }
    }

    /// <summary>The form field each domain problem belongs beside.</summary>
    public static string FieldName(DayTemplateField field) => field switch
    {
        DayTemplateField.FirstStart => nameof(Day.FirstStart),
        DayTemplateField.Turnover => nameof(Day.TurnoverMinutes),
        DayTemplateField.Recovery => nameof(Day.RecoveryHours),
        DayTemplateField.UnitCloses => nameof(Day.UnitCloses),
        _ => nameof(Day.Weekday),
    };

    public sealed class Handler(IApplicationDbContext db, SlotMaterializer materializer, ClinicTime clinicTime, TimeProvider clock)
        : ICommandHandler<Command, Result<MaterializationSummary>>
    {
        public async ValueTask<Result<MaterializationSummary>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!await db.Rooms.AnyAsync(r => r.Id == command.RoomId, cancellationToken))
            {
                return Error.NotFound("That room does not exist.");
            }

            var templates = new Dictionary<DayOfWeek, DayTemplate>();
            var problems = new Dictionary<string, string[]>();
            for (var i = 0; i < command.Days.Count; i++)
            {
                var day = command.Days[i];
                if (!day.Open)
                {
                    continue;
                }

                var template = new DayTemplate(
                    day.Weekday,
                    day.FirstStart!.Value,
                    day.TurnoverMinutes!.Value,
                    TimeSpan.FromMinutes((double)(day.RecoveryHours!.Value * 60)),
                    day.UnitCloses!.Value);
                foreach (var group in template.Problems(clinicTime.Clock).GroupBy(p => FieldName(p.Field)))
                {
                    problems[$"{nameof(Command.Days)}[{i}].{group.Key}"] = group.Select(p => p.Message).ToArray();
                }

                templates[day.Weekday] = template;
            }

            if (problems.Count > 0)
            {
                return Error.Validation(problems);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var saved = await db.RoomDayTemplates.Where(t => t.RoomId == command.RoomId).ToListAsync(cancellationToken);
            foreach (var day in command.Days)
            {
                var current = saved.SingleOrDefault(t => t.Weekday == day.Weekday);
                if (templates.TryGetValue(day.Weekday, out var template))
                {
                    if (current is null)
                    {
                        db.RoomDayTemplates.Add(RoomDayTemplate.Create(command.RoomId, template, now));
                    }
                    else if (current.ToDayTemplate() != template)
                    {
                        current.Change(template, now);
                    }
                }
                else if (current is not null)
                {
                    db.RoomDayTemplates.Remove(current);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            return await materializer.RunAsync("room template saved", command.RoomId, cancellationToken);
        }
    }
}
