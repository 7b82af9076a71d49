using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Features.Confirmation;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// Notices to the referring doctor's account address. They carry the patient's initials and the
/// referral reference only, with a link to the referral page (behind sign-in) for the rest.
/// </summary>
public sealed class DoctorMessageComposer(
    IApplicationDbContext db,
    IUserDirectory users,
    ClinicOptions clinic,
    ClinicTime clinicTime,
    AppointmentPolicy appointments) : IOutboxMessageComposer
{
    public IReadOnlyCollection<string> Kinds { get; } =
    [
        MessageKinds.DoctorBooked, MessageKinds.DoctorConfirmed, MessageKinds.DoctorRescheduled,
        MessageKinds.DoctorCancelled, MessageKinds.DoctorCompleted, MessageKinds.DoctorNoShow,
    ];

    public async Task<ComposeResult> ComposeAsync(OutboxMessage message, ComposeContext context, CancellationToken cancellationToken)
    {
        var appointment = await Appointment.LoadAsync(db, clinicTime, appointments, message.SubjectId, cancellationToken);
        if (appointment is null)
        {
            return ComposeResult.Skip("The booking no longer exists.");
        }

        if (SkipReason(message, appointment.Booking) is { } reason)
        {
            return ComposeResult.Skip(reason);
        }

        var referral = appointment.Referral;
        if (await users.FindAsync(referral.DoctorUserId, cancellationToken) is not { Email: { Length: > 0 } doctorEmail } doctor)
        {
            return ComposeResult.Skip("The referring doctor's account has no email address.");
        }

        var values = new Dictionary<string, string>
        {
            ["DoctorName"] = doctor.DisplayName,
            ["PatientInitials"] = referral.PatientInitials,
            ["ReferralReference"] = ReferralReference.For(referral.Id),
            ["ProcedureDate"] = appointment.Date,
            ["ProcedureTime"] = appointment.Time,
            ["Location"] = appointment.Location,
            ["ClinicName"] = clinic.Name,
            ["ClinicPhone"] = clinic.Phone,
            ["ReferralLink"] = clinic.PublicUrl($"/referrals/{referral.Id}"),

            // The free-text reason can hold clinical detail; email only says who cancelled, the
            // referral page (behind sign-in) has the rest.
            ["Reason"] = appointment.Booking.CancelledByPatient
                ? "The patient cancelled. Details are on the referral page."
                : "Cancelled by the clinic. Details are on the referral page.",
        };

        var template = await EffectiveTemplates.GetAsync(db, message.Kind, cancellationToken)
            ?? throw new InvalidOperationException($"No template for message kind '{message.Kind}'.");
        var rendered = RenderedMessage.From(template, values, ["ReferralLink"], EmailFrame.ForStaff(clinic));
        return ComposeResult.Send(new EmailMessage(doctorEmail, doctor.DisplayName, rendered.Subject, rendered.Text, rendered.Html, context.MessageId, []));
    }

    public static string? SkipReason(OutboxMessage message, Booking booking)
    {
        var expected = message.Kind switch
        {
            MessageKinds.DoctorCancelled => BookingStatus.Cancelled,
            MessageKinds.DoctorCompleted => BookingStatus.Completed,
            MessageKinds.DoctorNoShow => BookingStatus.NoShow,
            _ => (BookingStatus?)null,
        };
        if (expected is { } status)
        {
            return booking.Status == status ? null : $"The booking is {booking.Status}, not {status}.";
        }

        // Booked, rescheduled, confirmed: about one version of the booking, outgrown once it moves on.
        if (booking.Sequence != message.SubjectVersion)
        {
            return "The booking has moved to another time since this message was queued.";
        }

        if (message.Kind == MessageKinds.DoctorConfirmed && booking.Status != BookingStatus.Confirmed)
        {
            return $"The booking is {booking.Status}, not Confirmed.";
        }

        return booking.IsActive ? null : $"The booking is {booking.Status}.";
    }
}
