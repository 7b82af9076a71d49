namespace Scheduling.Domain.Bookings;

public enum BookingStatus
{
    /// <summary>Booked; waiting for the patient to confirm through the email link. Occupies the slot.</summary>
    PendingConfirmation,

    /// <summary>The patient confirmed. Occupies the slot.</summary>
    Confirmed,

    /// <summary>Cancelled by staff or patient; the slot is free again.</summary>
    Cancelled,

    Completed,

    NoShow,
}

/// <summary>What the patient asked for through their link that staff must act on.</summary>
public enum PatientRequest
{
    None,
    Reschedule,
}
