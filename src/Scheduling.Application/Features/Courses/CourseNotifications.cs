using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Courses;

/// <summary>
/// The referring doctor's emails about a course, queued in the same unit of work as the change that
/// causes them. The follow-up emails wait in the outbox until their day (the window's first day, and
/// the day after it closes) and are skipped then if the scan was done or waived meanwhile.
/// </summary>
public sealed class CourseNotifications(IOutbox outbox, ClinicTime clinicTime)
{
    /// <summary>The clinic hour at which a dated email goes out.</summary>
    public static readonly TimeOnly SendAt = new(9, 0);

    public void SessionRecorded(CourseSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        outbox.Enqueue(MessageKinds.DoctorFollowUpDue, session.Id, 1, clinicTime.ToUtcNotLaterThan(session.FollowUpWindowStart, SendAt));
        outbox.Enqueue(MessageKinds.DoctorFollowUpOverdue, session.Id, 1, clinicTime.ToUtcNotLaterThan(session.FollowUpWindowEnd.AddDays(1), SendAt));
    }

    /// <param name="version">Which reading of the session this is (1, then 2 after a correction), so each gets its own email.</param>
    public void ResponseRecorded(CourseSession session, int version) =>
        outbox.Enqueue(MessageKinds.DoctorResponseRecorded, session.Id, version);

    /// <param name="request">1 for the first request, +1 for each reminder.</param>
    public void NextSessionPlanned(Guid referralId, int request) =>
        outbox.Enqueue(MessageKinds.DoctorNextSessionPlanned, referralId, request);
}
