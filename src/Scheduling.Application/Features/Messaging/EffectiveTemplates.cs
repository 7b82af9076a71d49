using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Languages;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// The text a message kind is sent with in one language. <see cref="Language"/> is the language the
/// text is actually in: English when the requested language has neither a clinic text nor a built-in
/// one (<see cref="FallsBackToEnglish"/>), which the templates page shows staff.
/// </summary>
public sealed record EffectiveTemplate(MessageKindInfo Info, string Subject, string Body, bool IsCustomized, DateTime? UpdatedAtUtc)
{
    public string Language { get; init; } = PatientLanguages.English;

    public bool FallsBackToEnglish { get; init; }
}

public static class EffectiveTemplates
{
    /// <summary>
    /// The text of a kind in a language: the clinic's own text in that language, else the built-in
    /// one in that language, else (English fallback) the clinic's English text, else the built-in
    /// English. Staff kinds (doctors, accounts) exist in English only, whatever is asked. A reminder
    /// kind ("PatientReminder72h") reads the one reminder template of its channel.
    /// </summary>
    public static async Task<EffectiveTemplate?> GetAsync(IApplicationDbContext db, PatientTexts texts, string kind, string language, CancellationToken cancellationToken)
    {
        if (MessageKinds.ForMessage(kind) is not { } info)
        {
            return null;
        }

        if (!info.IsPatientFacing())
        {
            language = PatientLanguages.English;
        }

        var custom = await db.MessageTemplates.AsNoTracking()
            .Where(t => t.Kind == info.Kind && (t.Language == language || t.Language == PatientLanguages.English))
            .ToListAsync(cancellationToken);
        return Resolve(info, texts, language, custom);
    }

    /// <summary>A staff message's text (English).</summary>
    public static Task<EffectiveTemplate?> GetAsync(IApplicationDbContext db, string kind, CancellationToken cancellationToken) =>
        GetAsync(db, StaffOnly, kind, PatientLanguages.English, cancellationToken);

    /// <summary>The same choice for texts already loaded (the templates list loads them all at once).</summary>
    public static EffectiveTemplate Resolve(MessageKindInfo info, PatientTexts texts, string language, IReadOnlyCollection<MessageTemplate> customTemplates)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(customTemplates);
        if (customTemplates.FirstOrDefault(t => t.Kind == info.Kind && t.Language == language) is { } own)
        {
            return new EffectiveTemplate(info, own.Subject, own.Body, true, own.UpdatedAtUtc) { Language = language };
        }

        if (BuiltIn(info, texts, language) is { } builtIn)
        {
            return builtIn;
        }

        var fallback = customTemplates.FirstOrDefault(t => t.Kind == info.Kind && t.Language == PatientLanguages.English) is { } english
            ? new EffectiveTemplate(info, english.Subject, english.Body, true, english.UpdatedAtUtc)
            : BuiltIn(info, texts, PatientLanguages.English)
                ?? throw new InvalidOperationException($"No English text for message kind '{info.Kind}': patient kinds need the patient catalogue.");
        return fallback with { Language = PatientLanguages.English, FallsBackToEnglish = language != PatientLanguages.English };
    }

    /// <summary>The text that ships with the app for a kind in a language; null when that language has none.</summary>
    public static EffectiveTemplate? BuiltIn(MessageKindInfo info, PatientTexts texts, string language)
    {
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(texts);
        if (!info.IsPatientFacing())
        {
            return language == PatientLanguages.English
                ? new EffectiveTemplate(info, info.DefaultSubject, info.DefaultBody, false, null)
                : null;
        }

        if (!texts.Has(language, BodyKey(info.Kind)))
        {
            return null;
        }

        // Fragments and texts have no subject line.
        var subject = info.Audience == MessageAudience.Patient && info.Channel == MessageChannel.Email
            ? texts[language, SubjectKey(info.Kind)]
            : string.Empty;
        return new EffectiveTemplate(info, subject, texts[language, BodyKey(info.Kind)], false, null) { Language = language };
    }

    public static string SubjectKey(string kind) => kind + ".Subject";

    public static string BodyKey(string kind) => kind + ".Body";

    /// <summary>Values that show what a template will look like, for the admin preview, in the template's language.</summary>
    public static IReadOnlyDictionary<string, string> SampleValues(PatientTexts texts, string language)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var procedure = new DateTime(2026, 3, 10, 9, 30, 0);
        return new Dictionary<string, string>
        {
            ["PatientFirstName"] = "Maria",
            ["ProcedureDate"] = texts.Date(language, procedure),
            ["ProcedureTime"] = texts.Time(language, procedure),
            ["ArrivalTime"] = texts.Time(language, procedure.AddHours(-2)),
            ["Location"] = "IR Suite 1, Main Hospital, 2nd floor",
            ["ClinicName"] = "Interventional Radiology",
            ["ClinicPhone"] = "555-0100",
            ["ClinicAddress"] = "1 Hospital Way",
            ["ConfirmationLink"] = "https://clinic.example/p/(link)",
            ["PreparationChecklist"] = texts[language, BodyKey(MessageKinds.PreparationChecklist)],
            ["PremedicationInstructions"] = texts[language, BodyKey(MessageKinds.PremedicationInstructions)],
            ["RepeatTests"] = texts[language, "RepeatTests.Labs"],
            ["ProcedureDescription"] = texts[language, BodyKey(MessageKinds.ProcedureDescription)],
            ["GoingHome"] = texts[language, BodyKey(MessageKinds.GoingHomeSameDay)],
            ["TransplantBridge"] = texts[language, BodyKey(MessageKinds.TransplantBridge)],
            ["TimeUntil"] = TimeUntil(texts, language, 3),
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

    /// <summary>"today", "tomorrow", "in 3 days" / "hoy", "mañana", "en 3 días": how a patient counts the days to the procedure.</summary>
    public static string TimeUntil(PatientTexts texts, string language, int days)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return days switch
        {
            <= 0 => texts[language, "TimeUntil.Today"],
            1 => texts[language, "TimeUntil.Tomorrow"],
            _ => texts.Format(language, "TimeUntil.Days", days),
        };
    }

    // Staff kinds never read the patient catalogue; this instance only satisfies the shared resolution.
    private static readonly PatientTexts StaffOnly = new(_ => new Dictionary<string, string>(), System.Globalization.CultureInfo.InvariantCulture);
}
