namespace Scheduling.Domain.Referrals;

/// <summary>Where a referral is in its life. Stored by name, so reordering members never rewrites history.</summary>
public enum ReferralStatus
{
    Draft,
    Submitted,
    AwaitingReview,
    ReadyToSchedule,
    Declined,
    Withdrawn,
    Scheduled,
    Completed,
    Cancelled,

    /// <summary>An IR physician asked the referring doctor for more information; the doctor updates and resubmits.</summary>
    InformationRequested,
}

public enum Urgency
{
    Routine,

    /// <summary>Act within 3 days.</summary>
    Urgent,
}

public enum PatientSex
{
    Female,
    Male,
    Other,
    Unknown,
}
