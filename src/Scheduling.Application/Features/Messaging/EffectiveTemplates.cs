using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

public sealed record EffectiveTemplate(MessageKindInfo Info, string Subject, string Body, bool IsCustomized, DateTime? UpdatedAtUtc);

public static class EffectiveTemplates
{
    /// <summary>The clinic's text for a kind, or the built-in default when it has none.</summary>
    public static async Task<EffectiveTemplate?> GetAsync(IApplicationDbContext db, string kind, CancellationToken cancellationToken)
    {
        if (MessageKinds.Find(kind) is not { } info)
        {
            return null;
        }

        var custom = await db.MessageTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Kind == kind, cancellationToken);
        return custom is null
            ? new EffectiveTemplate(info, info.DefaultSubject, info.DefaultBody, false, null)
            : new EffectiveTemplate(info, custom.Subject, custom.Body, true, custom.UpdatedAtUtc);
    }

    /// <summary>Values that show what a template will look like, for the admin preview.</summary>
    public static readonly IReadOnlyDictionary<string, string> SampleValues = new Dictionary<string, string>
    {
        ["PatientFirstName"] = "Maria",
        ["ProcedureDate"] = "Tuesday, March 10, 2026",
        ["ProcedureTime"] = "9:30 AM",
        ["ArrivalTime"] = "7:30 AM",
        ["Location"] = "IR Suite 1, Main Hospital, 2nd floor",
        ["ClinicName"] = "Interventional Radiology",
        ["ClinicPhone"] = "555-0100",
        ["ClinicAddress"] = "1 Hospital Way",
        ["ConfirmationLink"] = "https://clinic.example/p/(link)",
        ["PreparationChecklist"] = MessageKinds.Find(MessageKinds.PreparationChecklist)!.DefaultBody,
        ["PremedicationInstructions"] = MessageKinds.Find(MessageKinds.PremedicationInstructions)!.DefaultBody,
        ["RepeatTests"] = "Your blood tests must be repeated before the procedure: the team will tell you where.",
        ["ProcedureDescription"] = MessageKinds.Find(MessageKinds.ProcedureDescription)!.DefaultBody,
        ["GoingHome"] = MessageKinds.Find(MessageKinds.GoingHomeSameDay)!.DefaultBody,
        ["DoctorName"] = "Dr. Dana Oncologist",
        ["PatientInitials"] = "M. G.",
        ["ReferralReference"] = "R-7F3A2C",
        ["ReferralLink"] = "https://clinic.example/referrals/(id)",
        ["Reason"] = "Patient asked to cancel",
        ["FullName"] = "Dr. Dana Oncologist",
        ["AccountLink"] = "https://clinic.example/account/link/(link)",
        ["LinkExpiresAt"] = "Friday, March 13, 2026 at 9:30 AM",
        ["SessionNumber"] = "2",
        ["SessionDate"] = "Tue 10 Mar 2026",
        ["ScanWindow"] = "Tue 31 Mar 2026 and Tue 21 Apr 2026",
        ["CourseLink"] = "https://clinic.example/courses/(id)",
    };
}
