using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Courses;

/// <summary>
/// "Plan the next session": a new referral for the course's patient, prefilled from the last
/// session's referral, for the same referring doctor, linked to the course. Its labs and imaging are
/// left out: they must be repeated after the last session before it can be sent, and it is assessed by
/// the same eligibility rules as any referral. Staff complete it themselves, or ask the doctor to
/// confirm it (an email with the link); either way the scheduler then books it like any other.
/// </summary>
public static class PlanNextSession
{
    public sealed record Command(Guid CourseId, bool AskDoctorToConfirm) : ICommand<Result<Guid>>;

    /// <summary>Referral statuses in which a planned session is still on its way (not booked and done, not closed without one).</summary>
    public static readonly IReadOnlyList<ReferralStatus> Open =
    [
        ReferralStatus.Draft, ReferralStatus.Submitted, ReferralStatus.AwaitingReview, ReferralStatus.InformationRequested,
        ReferralStatus.ReadyToSchedule, ReferralStatus.Scheduled,
    ];

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IUserDirectory directory, CourseNotifications notifications, TimeProvider clock)
        : ICommandHandler<Command, Result<Guid>>
    {
        public async ValueTask<Result<Guid>> Handle(Command command, CancellationToken cancellationToken)
        {
            var course = await CourseChanges.LoadAsync(db, user, command.CourseId, cancellationToken);
            if (course is null)
            {
                return Error.NotFound();
            }

            if (!course.CanPlanNextSession)
            {
                return Error.Conflict(course.IsActive ? "The course has no session yet to plan from." : "The course is closed; reopen it to plan another session.");
            }

            var open = await db.Referrals.AsNoTracking()
                .Where(r => r.CourseId == course.Id && Open.Contains(r.Status))
                .Select(r => r.Id)
                .FirstOrDefaultAsync(cancellationToken);
            if (open != Guid.Empty)
            {
                return Error.Conflict($"The next session is already planned (referral {ReferralReference.For(open)}).");
            }

            var last = await db.Referrals.SingleAsync(r => r.Id == course.LastSession!.ReferralId, cancellationToken);
            var questionnaire = WithoutLabsAndImaging(QuestionnaireInput.FromJson(last.QuestionnaireJson));
            var now = clock.GetUtcNow().UtcDateTime;
            var actor = await directory.ActorAsync(user, cancellationToken);
            var referral = Referral.PlanNextSession(last, course.PatientId, course.Id, questionnaire.ToJson(), now, actor);
            db.Referrals.Add(referral);
            course.NotePlannedSession(referral.Id, command.AskDoctorToConfirm, now, actor);
            if (command.AskDoctorToConfirm)
            {
                notifications.NextSessionPlanned(referral.Id, 1);
            }

            if (await CourseChanges.SaveAsync(db, cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return referral.Id;
        }
    }

    /// <summary>The answers that come from labs and imaging are cleared: they must be measured again after the last session.</summary>
    public static QuestionnaireInput WithoutLabsAndImaging(QuestionnaireInput last)
    {
        ArgumentNullException.ThrowIfNull(last);
        return last with
        {
            BilirubinMgDl = null,
            AlbuminGdL = null,
            Inr = null,
            Platelets = null,
            CreatinineMgDl = null,
            Egfr = null,
            LabsDrawnOn = null,
            PortalVein = null,
            ExtrahepaticDisease = null,
            TumourBurdenPercent = null,
            LargestLesionCm = null,
            ImagingDoneOn = null,
        };
    }
}
