using System.Globalization;

using Hl7.Fhir.Model;

using Scheduling.Application.Features.Availability;
using Scheduling.Application.Features.Bookings;
using Scheduling.Domain.Bookings;

namespace Scheduling.Web.Fhir;

/// <summary>
/// Appointments as FHIR sees them, mapped from the use cases' records: a proposed one (from
/// <c>$find</c>, not stored: its id says which slot, referral and physician), a held one (id = the
/// hold's, status pending until the hold expires) and a booked one (id = the booking's). The patient
/// participant is the referral's Patient (same id as the referral), the request it is based on its
/// ServiceRequest; room and physician are named (this server does not serve Location or Practitioner).
/// </summary>
public static class AppointmentResources
{
    public const string Description = "Transarterial chemoembolization (TACE)";

    public static Appointment Proposed(FindProposedAppointments.Proposal proposal, Guid referralId, Guid? askedPhysicianId) =>
        Build(
            ProposedAppointmentId.Encode(proposal.SlotId, referralId, askedPhysicianId),
            Appointment.AppointmentStatus.Proposed, referralId, proposal.StartUtc, proposal.EndUtc, proposal.RoomName, proposal.PhysicianId, proposal.PhysicianName,
            ParticipationStatus.NeedsAction);

    public static Appointment Held(GetHold.HoldView hold)
    {
        var appointment = Build(
            hold.HoldId.ToString(), Appointment.AppointmentStatus.Pending, hold.ReferralId!.Value, hold.StartUtc, hold.EndUtc, hold.RoomName, hold.PhysicianId, hold.PhysicianName,
            ParticipationStatus.NeedsAction);
        appointment.Comment = $"Held for you until {hold.ExpiresAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}; "
            + "book it with Appointment/$book before then, or the time is offered to others again.";
        return appointment;
    }

    public static Appointment Booked(ListAppointmentRecords.AppointmentRecord record)
    {
        var appointment = Build(
            record.BookingId.ToString(), StatusOf(record.Status), record.ReferralId, record.StartUtc, record.EndUtc, record.RoomName, record.PhysicianId, record.PhysicianName,
            record.Status == BookingStatus.PendingConfirmation ? ParticipationStatus.NeedsAction
            : record.Status == BookingStatus.Cancelled ? ParticipationStatus.Declined
            : ParticipationStatus.Accepted);
        appointment.Created = record.BookedAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (record.Status == BookingStatus.Cancelled && !string.IsNullOrWhiteSpace(record.CancelReason))
        {
            appointment.CancelationReason = new CodeableConcept { Text = record.CancelReason };
        }

        if (record.Status == BookingStatus.PendingConfirmation)
        {
            appointment.Comment = "Booked; the clinic is waiting for the patient to confirm.";
        }

        return appointment;
    }

    /// <summary>The FHIR status of a booking; the booking statuses each FHIR status stands for are <see cref="StatusesFor"/>.</summary>
    public static Appointment.AppointmentStatus StatusOf(BookingStatus status) => status switch
    {
        BookingStatus.PendingConfirmation or BookingStatus.Confirmed => Appointment.AppointmentStatus.Booked,
        BookingStatus.Completed => Appointment.AppointmentStatus.Fulfilled,
        BookingStatus.Cancelled => Appointment.AppointmentStatus.Cancelled,
        BookingStatus.NoShow => Appointment.AppointmentStatus.Noshow,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The booking statuses a FHIR status code (as searched) stands for; none for a code no booking has.</summary>
    public static IEnumerable<BookingStatus> StatusesFor(string code) =>
        Enum.GetValues<BookingStatus>().Where(s => Hl7.Fhir.Utility.EnumUtility.GetLiteral(StatusOf(s)) == code);

    private static Appointment Build(
        string id, Appointment.AppointmentStatus status, Guid referralId, DateTime startUtc, DateTime endUtc, string roomName, Guid? physicianId, string? physicianName,
        ParticipationStatus patientStatus)
    {
        var appointment = new Appointment
        {
            Id = id,
            Status = status,
            Description = Description,
            Start = new DateTimeOffset(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc)),
            End = new DateTimeOffset(DateTime.SpecifyKind(endUtc, DateTimeKind.Utc)),
            MinutesDuration = (int)(endUtc - startUtc).TotalMinutes,
            BasedOn = [new ResourceReference($"ServiceRequest/{referralId}")],
        };
        appointment.Participant.Add(new Appointment.ParticipantComponent
        {
            Actor = new ResourceReference($"Patient/{referralId}"),
            Required = Appointment.ParticipantRequired.Required,
            Status = patientStatus,
        });
        appointment.Participant.Add(new Appointment.ParticipantComponent
        {
            Actor = new ResourceReference { Type = "Location", Display = roomName },
            Required = Appointment.ParticipantRequired.Required,
            Status = ParticipationStatus.Accepted,
        });
        if (physicianId is { } physician)
        {
            // The id is the one $find's practitioner parameter takes; this server serves no Practitioner.
            appointment.Participant.Add(new Appointment.ParticipantComponent
            {
                Actor = new ResourceReference($"Practitioner/{physician}", physicianName),
                Required = Appointment.ParticipantRequired.Required,
                Status = ParticipationStatus.Accepted,
            });
        }

        return appointment;
    }
}

/// <summary>
/// The id of a proposed appointment: the slot, the referral it was found for and, when the client
/// asked for one, the physician, packed into the 64 characters a FHIR id may have (base64url with
/// "." for "_"), so <c>$hold</c> and <c>$book</c> get back exactly what <c>$find</c> proposed without
/// anything stored. It is no secret: the per-record rules are applied again when it is used.
/// </summary>
public static class ProposedAppointmentId
{
    public static string Encode(Guid slotId, Guid referralId, Guid? physicianId)
    {
        var bytes = new List<byte>(48);
        bytes.AddRange(slotId.ToByteArray());
        bytes.AddRange(referralId.ToByteArray());
        if (physicianId is { } physician)
        {
            bytes.AddRange(physician.ToByteArray());
        }

        return Convert.ToBase64String([.. bytes]).TrimEnd('=').Replace('+', '-').Replace('/', '.');
    }

    public static bool TryDecode(string? id, out Guid slotId, out Guid referralId, out Guid? physicianId)
    {
        slotId = referralId = Guid.Empty;
        physicianId = null;
        if (id is not { Length: 43 or 64 } || id.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '.')))
        {
            return false;
        }

        var text = id.Replace('-', '+').Replace('.', '/');
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text.Length == 43 ? text + "=" : text);
        }
        catch (FormatException)
        {
            return false;
        }

        if (bytes.Length is not (32 or 48))
        {
            return false;
        }

        slotId = new Guid(bytes.AsSpan(0, 16));
        referralId = new Guid(bytes.AsSpan(16, 16));
        physicianId = bytes.Length == 48 ? new Guid(bytes.AsSpan(32, 16)) : null;
        return true;
    }
}
