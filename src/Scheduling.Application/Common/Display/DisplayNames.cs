using Scheduling.Application.Common.Security;
using Scheduling.Domain.Bookings;
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
        MessageKinds.PatientReminder72h => "Patient: reminder 3 days before",
        MessageKinds.PatientReminder24h => "Patient: reminder the day before",
        MessageKinds.PatientCancelled => "Patient: appointment cancelled",
        MessageKinds.PatientBookedText => "Patient text: please confirm",
        MessageKinds.PatientRescheduledText => "Patient text: appointment moved",
        MessageKinds.PatientReminder72hText => "Patient text: reminder 3 days before",
        MessageKinds.PatientReminder24hText => "Patient text: reminder the day before",
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
        _ => Words(kind),
    };

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
