using Scheduling.Application.Common.Security;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Capacity;
using Scheduling.Domain.Courses;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Common.Display;

/// <summary>
/// What people read for every machine name the application stores: enum values, role names,
/// message kinds and timeline kinds. The one home of these words: every view, every message a use
/// case writes ("This booking is already cancelled") and the audit log go through here, so a screen
/// never shows "Hcc", "PendingConfirmation" or "ReferringPhysician" and no two pages name one state
/// differently. A value added later without a name here still reads as words (split at its
/// capitals), never as the identifier.
/// </summary>
public static class DisplayNames
{
    public static string For(PatientSex? value) => value switch
    {
        null => "Not given",
        PatientSex.Unknown => "Unknown",
        _ => value.Value.ToString(),
    };

    public static string For(Urgency? value) => value switch
    {
        Urgency.Urgent => "Urgent (act within 3 days)",
        Urgency.Routine => "Routine",
        _ => "Not given",
    };

    public static string For(ReferralStatus value) => value switch
    {
        ReferralStatus.AwaitingReview => "Awaiting review",
        ReferralStatus.ReadyToSchedule => "Ready to schedule",
        ReferralStatus.InformationRequested => "More information requested",
        _ => Words(value.ToString()),
    };

    /// <summary>The status inside a sentence: "This referral is not ready to schedule (it is {0})."</summary>
    public static string InSentence(ReferralStatus value) => value switch
    {
        ReferralStatus.AwaitingReview => "awaiting review by an IR physician",
        ReferralStatus.InformationRequested => "waiting for more information from the referring doctor",
        ReferralStatus.Draft => "a draft",
        _ => For(value).ToLowerInvariant(),
    };

    public static string For(EligibilityOutcome? value) => value switch
    {
        EligibilityOutcome.Eligible => "Eligible",
        EligibilityOutcome.NeedsReview => "Needs review",
        EligibilityOutcome.Ineligible => "Ineligible",
        _ => "Not assessed yet",
    };

    public static string For(BookingStatus value) => value switch
    {
        BookingStatus.PendingConfirmation => "Pending confirmation",
        BookingStatus.NoShow => "No-show",
        _ => Words(value.ToString()),
    };

    /// <summary>The status inside a sentence: "This booking is already {0}."</summary>
    public static string InSentence(BookingStatus value) => value switch
    {
        BookingStatus.NoShow => "marked as a no-show",
        _ => For(value).ToLowerInvariant(),
    };

    public static string For(ResourceKind value) => value switch
    {
        ResourceKind.RecoveryUnit => "Recovery unit",
        ResourceKind.Physician => "IR physician",
        ResourceKind.SedationNurse => "Sedation nurse",
        _ => Words(value.ToString()),
    };

    /// <summary>A heading over several: "Recovery units", "IR physicians".</summary>
    public static string Plural(ResourceKind value) => For(value) + "s";

    public static string For(UnavailabilityKind value) => value switch
    {
        UnavailabilityKind.Leave => "Leave",
        UnavailabilityKind.Meeting => "Meeting",
        UnavailabilityKind.Maintenance => "Closed for maintenance",
        _ => "Unavailable",
    };

    public static string For(PrimaryDiagnosis value) => value switch
    {
        PrimaryDiagnosis.Hcc => "Hepatocellular carcinoma (HCC)",
        PrimaryDiagnosis.ColorectalMetastases => "Liver metastases: colorectal",
        PrimaryDiagnosis.NeuroendocrineMetastases => "Liver metastases: neuroendocrine",
        PrimaryDiagnosis.OtherMetastases => "Liver metastases: other",
        PrimaryDiagnosis.IntrahepaticCholangiocarcinoma => "Intrahepatic cholangiocarcinoma",
        _ => "Other",
    };

    public static string For(BclcStage value) => value switch
    {
        BclcStage.Stage0 => "0 (very early)",
        BclcStage.A => "A (early)",
        BclcStage.B => "B (intermediate)",
        BclcStage.C => "C (advanced)",
        _ => "D (terminal)",
    };

    public static string For(Ascites value) => value switch
    {
        Ascites.None => "None",
        Ascites.Mild => "Mild",
        _ => "Moderate to severe",
    };

    public static string For(Encephalopathy value) => value switch
    {
        Encephalopathy.None => "None",
        Encephalopathy.Grade1To2 => "Grade 1-2",
        _ => "Grade 3-4",
    };

    public static string For(PortalVeinStatus value) => value switch
    {
        PortalVeinStatus.Patent => "Patent",
        PortalVeinStatus.BranchThrombus => "Branch or segmental thrombus",
        _ => "Main portal vein thrombosis or hepatofugal flow",
    };

    public static string For(ContrastReaction value) => value switch
    {
        ContrastReaction.None => "None",
        ContrastReaction.Mild => "Mild",
        ContrastReaction.Moderate => "Moderate",
        _ => "Severe",
    };

    public static string For(Pregnancy value) => value switch
    {
        Pregnancy.No => "No",
        Pregnancy.Possible => "Possible",
        _ => "Yes",
    };

    public static string Role(string role) => role switch
    {
        Roles.ReferringPhysician => "Referring doctor",
        Roles.Radiologist => "IR physician",
        Roles.Scheduler => "Scheduler",
        Roles.Admin => "Administrator",
        _ => Words(role),
    };

    public static string MessageKind(string kind) => kind switch
    {
        MessageKinds.PatientBooked => "Patient: appointment booked",
        MessageKinds.PatientRescheduled => "Patient: appointment moved",
        MessageKinds.PatientReminder => "Patient: reminder before the procedure",
        _ when PatientReminders.TryParse(kind, out var before) => $"Patient: reminder {Before(before)} before",
        MessageKinds.PatientCancelled => "Patient: appointment cancelled",
        MessageKinds.PatientBookedText => "Patient text: please confirm",
        MessageKinds.PatientRescheduledText => "Patient text: appointment moved",
        MessageKinds.PatientReminderText => "Patient text: reminder before the procedure",
        _ when PatientReminders.TryParseText(kind, out var textBefore) => $"Patient text: reminder {Before(textBefore)} before",
        MessageKinds.PatientCancelledText => "Patient text: appointment cancelled",
        MessageKinds.DoctorBooked => "Doctor: procedure booked",
        MessageKinds.DoctorConfirmed => "Doctor: patient confirmed",
        MessageKinds.DoctorRescheduled => "Doctor: procedure moved",
        MessageKinds.DoctorCancelled => "Doctor: procedure cancelled",
        MessageKinds.DoctorCompleted => "Doctor: procedure completed",
        MessageKinds.DoctorNoShow => "Doctor: patient did not attend",
        MessageKinds.DoctorInformationRequested => "Doctor: more information needed",
        MessageKinds.DoctorReviewApproved => "Doctor: referral approved",
        MessageKinds.DoctorReviewDeclined => "Doctor: referral declined",
        MessageKinds.DoctorReviewOverridden => "Doctor: ineligible outcome overridden",
        MessageKinds.DoctorFollowUpDue => "Doctor: follow-up scan due",
        MessageKinds.DoctorFollowUpOverdue => "Doctor: follow-up scan overdue",
        MessageKinds.DoctorResponseRecorded => "Doctor: response assessment ready",
        MessageKinds.DoctorNextSessionPlanned => "Doctor: next session planned, please confirm",
        MessageKinds.AccountInvitation => "Account: invitation to choose a password",
        MessageKinds.AccountPasswordReset => "Account: password reset",
        MessageKinds.AccessApproved => "Account: access request approved",
        MessageKinds.AccessDeclined => "Account: access request declined",
        MessageKinds.PreparationChecklist => "Preparation checklist (inserted in patient messages)",
        MessageKinds.PremedicationInstructions => "Contrast premedication (inserted when needed)",
        MessageKinds.ProcedureDescription => "What happens during the procedure (inserted in patient messages)",
        MessageKinds.GoingHomeSameDay => "Going home the same day (inserted in patient messages)",
        MessageKinds.TransplantBridge => "Bridge to a liver transplant (inserted for patients listed or assessed for a transplant)",
        MessageKinds.GoingHomeOvernight => "Overnight stay likely (inserted instead, for patients flagged overnight bed likely)",
        _ => Words(kind),
    };

    /// <summary>A patient language as staff read it: "Spanish", or "Another language: Tagalog (interpreter needed)".</summary>
    public static string Language(string? code, string? interpreterLanguage = null) => code switch
    {
        PatientLanguages.Other => string.IsNullOrWhiteSpace(interpreterLanguage)
            ? "Another language (interpreter needed)"
            : $"Another language: {interpreterLanguage} (interpreter needed)",
        null or "" => "Not given",
        _ => System.Globalization.CultureInfo.GetCultureInfo(code).EnglishName,
    };

    // The treatment course: the domain writes these words into the course's history, so the pages
    // take them from there (one home); here they only get a capital where a page needs one.
    public static string For(CourseState value) => TreatmentCourse.Describe(value);

    public static string For(TransplantListingStatus value) => Capital(TreatmentCourse.Describe(value));

    public static string For(DischargeKind value) => Capital(TreatmentCourse.Describe(value));

    public static string For(ResponseCategory value) => Capital(Mrecist.Describe(value));

    public static string For(Attribution value) => value switch
    {
        Attribution.Unrelated => "Unrelated to the procedure",
        Attribution.Unlikely => "Unlikely related",
        Attribution.Possible => "Possibly related",
        Attribution.Probable => "Probably related",
        _ => "Definitely related",
    };

    public static string For(ImagingModality value) => value == ImagingModality.Ct ? "CT (multiphase)" : "MRI (dynamic)";

    public static string For(NonTargetStatus value) => value switch
    {
        NonTargetStatus.None => "No non-target lesions",
        NonTargetStatus.Disappeared => "All non-target lesions without enhancement",
        NonTargetStatus.Persisting => "Non-target lesions present (still enhancing)",
        _ => "Unequivocal progression of non-target disease (incl. new portal vein tumour thrombus)",
    };

    public static string For(FollowUpStatus value) => value switch
    {
        FollowUpStatus.Upcoming => "Not due yet",
        FollowUpStatus.Due => "Due",
        FollowUpStatus.Overdue => "Overdue",
        FollowUpStatus.Received => "Received, to be read",
        FollowUpStatus.Assessed => "Read",
        _ => "Not needed",
    };

    public static string For(DownstagingStatus value) => value switch
    {
        DownstagingStatus.NotNeeded => "Not needed (within Milan)",
        DownstagingStatus.Eligible => "Within the downstaging criteria",
        _ => "Beyond the downstaging criteria",
    };

    public static string For(CallOutcome value) => PatientCall.Describe(value);

    /// <summary>A liver segment as radiologists write it (Couinaud I to VIII).</summary>
    public static string Segment(int? segment) => segment switch
    {
        1 => "I",
        2 => "II",
        3 => "III",
        4 => "IV",
        5 => "V",
        6 => "VI",
        7 => "VII",
        8 => "VIII",
        _ => "not given",
    };

    /// <summary>The heading of a timeline line; the stable kind stays in the page's data-kind.</summary>
    public static string TimelineKind(string kind) => kind switch
    {
        "NoShow" => "No-show",
        "NotConfirmed" => "Not confirmed in time",
        "RescheduleRequested" => "Patient asked for another date",
        "CancelledByPatient" => "Cancelled by the patient",
        "InformationRequested" => "More information requested",
        "Resubmitted" => "Updated and sent again",
        "Updated" => "Updated by the referring doctor",
        "TextsStopped" => "Texts stopped by the patient",
        "TextsRestarted" => "Texts allowed again by the patient",
        "TextSettingsChanged" => "Text settings changed by the patient",
        "PatientLinked" => "Patient record",
        "PatientUnlinked" => "Patient record link undone",
        "SessionPlanned" => "Next session planned",
        "SessionRecorded" => "Treatment course session",
        "DoctorAsked" => "Referring doctor asked to confirm",
        "SessionDone" => "Session",
        "AdverseEvent" => "Adverse event",
        "ScanReceived" => "Follow-up scan received",
        "FollowUpWaived" => "Follow-up scan not needed",
        "Response" => "Response assessment",
        "Refractoriness" => "Refractoriness",
        "State" => "Course status",
        "Transplant" => "Transplant listing",
        _ => Words(kind),
    };

    /// <summary>"3 days", "1 day", "36 hours", "1 hour": a reminder's distance from the procedure.</summary>
    public static string Before(TimeSpan before) =>
        before.TotalHours % 24 == 0
            ? Count((int)before.TotalDays, "day")
            : Count((int)before.TotalHours, "hour");

    private static string Count(int n, string unit) =>
        n == 1 ? $"1 {unit}" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{n} {unit}s");

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Words(string name)
    {
        var text = new System.Text.StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
