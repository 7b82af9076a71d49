using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Patients;

namespace Scheduling.Application.Features.Courses;

/// <summary>
/// Every completed booking is a session of its patient's treatment course, in the same transaction
/// as the outcome (a domain event, so the booking use cases need not know about courses). The
/// referral's patient record is used; when staff never linked one, a new record is opened for it (a
/// match is only ever linked by a person). The session joins the patient's active course, or starts
/// one; its calls and follow-up scan fall due, and the doctor's follow-up emails are queued.
/// </summary>
public sealed class SessionFromCompletedBooking(
    IApplicationDbContext db,
    CourseNotifications notifications,
    CoursePolicy policy,
    ClinicTime clinicTime) : IDomainEventHandler<BookingCompleted>
{
    public async Task HandleAsync(BookingCompleted domainEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        if (await db.CourseSessions.AnyAsync(s => s.BookingId == domainEvent.BookingId, cancellationToken))
        {
            return;
        }

        var now = domainEvent.CompletedAtUtc;
        // Saved already, or added in this unit of work with its booking (the practice seeder does so).
        var referral = db.Referrals.Local.SingleOrDefault(r => r.Id == domainEvent.ReferralId)
            ?? await db.Referrals.SingleAsync(r => r.Id == domainEvent.ReferralId, cancellationToken);
        var patient = referral.PatientId is { } patientId
            ? db.Patients.Local.SingleOrDefault(p => p.Id == patientId) ?? await db.Patients.SingleAsync(p => p.Id == patientId, cancellationToken)
            : null;
        if (patient is null)
        {
            patient = Patient.OpenFrom(referral, now);
            db.Patients.Add(patient);
            referral.LinkToPatient(patient.Id, "A new patient record was opened at the first procedure (no earlier record had been linked).", now, null);
        }

        var course = await ActiveCourseAsync(patient.Id, cancellationToken);
        if (course is null)
        {
            course = TreatmentCourse.Start(patient.Id, referral.DoctorUserId, now, domainEvent.Actor);
            db.TreatmentCourses.Add(course);
        }

        var session = course.RecordSession(
            domainEvent.BookingId, referral.Id, referral.DoctorUserId, domainEvent.SlotStartUtc, clinicTime.LocalDate(domainEvent.SlotStartUtc), policy, now, domainEvent.Actor);
        referral.Note("SessionRecorded", $"Session {session.Number} of the patient's treatment course.", now, domainEvent.Actor);
        notifications.SessionRecorded(session);
    }

    /// <summary>The patient's active course, whether saved already or added earlier in this unit of work.</summary>
    private async Task<TreatmentCourse?> ActiveCourseAsync(Guid patientId, CancellationToken cancellationToken) =>
        db.TreatmentCourses.Local.SingleOrDefault(c => c.PatientId == patientId && c.IsActive)
        ?? await db.TreatmentCourses.Include(c => c.Sessions)
            .SingleOrDefaultAsync(c => c.PatientId == patientId && c.State == CourseState.Active, cancellationToken);
}
