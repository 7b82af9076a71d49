using FluentValidation;

using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;

namespace Scheduling.Application.Features.Courses;

/// <summary>Staff record the patient's place on the transplant list and its date (the rules that give points change; the dates are facts).</summary>
public static class SetTransplantListing
{
    public sealed record Command(Guid CourseId, TransplantListingStatus? Status, DateOnly? ListedOn) : ICommand<Result>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator() => RuleFor(c => c.Status).NotNull().IsInEnum().WithMessage("Choose the listing status.");
    }

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IUserDirectory directory, ClinicTime clinicTime, TimeProvider clock) : ICommandHandler<Command, Result>
    {
        public async ValueTask<Result> Handle(Command command, CancellationToken cancellationToken)
        {
            var course = await CourseChanges.LoadAsync(db, user, command.CourseId, cancellationToken);
            if (course is null)
            {
                return Error.NotFound();
            }

            var today = clinicTime.Today(clock);
            if (TreatmentCourse.CheckTransplantListing(command.Status!.Value, command.ListedOn, today) is { } problem)
            {
                return CourseChanges.ToError([problem])!;
            }

            course.SetTransplantListing(command.Status.Value, command.ListedOn, today, clock.GetUtcNow().UtcDateTime, await directory.ActorAsync(user, cancellationToken));
            return await CourseChanges.SaveAsync(db, cancellationToken) is { } conflict ? conflict : Result.Success();
        }
    }
}
