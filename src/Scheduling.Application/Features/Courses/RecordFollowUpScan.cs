using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;

namespace Scheduling.Application.Features.Courses;

/// <summary>The follow-up scan after a session has been done (received by the clinic): it leaves the due and overdue lists and waits for a radiologist's reading.</summary>
public static class RecordFollowUpScan
{
    public sealed record Command(Guid CourseId, int SessionNumber, DateOnly? ScanOn, ImagingModality? Modality) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ScanOn).NotNull().WithMessage("Give the date of the scan.");
            RuleFor(c => c.Modality).NotNull().IsInEnum().WithMessage("Choose CT or MRI.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IUserDirectory directory, ClinicTime clinicTime, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var course = await CourseChanges.LoadAsync(db, user, command.CourseId, cancellationToken);
            if (course?.FindSession(command.SessionNumber) is not { } session)
            {
                return Error.NotFound();
            }

            var today = clinicTime.Today(clock);
            if (session.CheckScanDate(nameof(Command.ScanOn), command.ScanOn!.Value, today, ClinicFormats.Day) is { } problem)
            {
                return CourseChanges.ToError([problem])!;
            }

            course.RecordFollowUpScan(command.SessionNumber, command.ScanOn.Value, command.Modality!.Value, today, clock.GetUtcNow().UtcDateTime, await directory.ActorAsync(user, cancellationToken));
            return await CourseChanges.SaveAsync(db, cancellationToken) is { } conflict ? conflict : Result.Success();
        }
    }
}
