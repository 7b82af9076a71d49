using Scheduling.Application.Common.Clinic;
using Scheduling.Application.Common.Languages;
using Scheduling.Domain.Messaging;

namespace Scheduling.Application.Features.Messaging;

/// <summary>
/// Every word an email adds around its template's text: the buttons, the line under a button, the
/// calendar entry's texts and the footer's labels. Kept in one place so a translation has one file
/// to follow (the templates themselves are the clinic's, on Admin → Message templates).
/// </summary>
public static class EmailTexts
{
    /// <summary>The button for each link placeholder.</summary>
    public static string ButtonFor(string linkPlaceholder) => linkPlaceholder switch
    {
        "ConfirmationLink" => "Open my appointment",
        "ReferralLink" => "Open the referral",
        "AccountLink" => "Choose my password",
        "CourseLink" => "Open the treatment course",
        _ => "Open",
    };

    public const string LinkFallback = "If the button does not work, open this address:";

    public const string PhoneLabel = "Phone";

    public const string CalendarSummary = "Hospital appointment: please arrive";

    public static string CalendarDescription(string arrival, string procedureTime, string phone) =>
        $"Please arrive at {arrival}. The procedure is at {procedureTime}. Questions: {phone}.";

    public static string CalendarCancelled(string phone) => $"This appointment is cancelled. Questions: {phone}.";

    public const string CalendarAlarm = "Hospital appointment tomorrow: see the preparation instructions in your email.";

    /// <summary>
    /// The footer of a patient's email: the clinic, where it is and how to find it, its phone (labelled
    /// in the patient's language), and the clinic's own lines.
    /// </summary>
    public static IReadOnlyList<string> PatientFooter(ClinicOptions clinic, string phoneLabel) =>
        new[] { clinic.Name, clinic.Address, clinic.Directions, $"{phoneLabel} {clinic.Phone}", clinic.PatientFooter }
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => line.Trim())
            .ToList();

    /// <summary>The footer of a doctor's or an account holder's email.</summary>
    public static IReadOnlyList<string> StaffFooter(ClinicOptions clinic) => [$"{clinic.Name} · {PhoneLabel} {clinic.Phone}"];
}

/// <summary>
/// What every email of the clinic carries around its text: the brand on top and the footer below, and
/// the words of the frame (the button, the line under it) in the language of the email.
/// </summary>
public sealed record EmailFrame(string Brand, IReadOnlyList<string> Footer)
{
    /// <summary>The language of the email (the HTML's lang).</summary>
    public string Language { get; init; } = PatientLanguages.English;

    /// <summary>The button's words for a link placeholder.</summary>
    public Func<string, string> ButtonFor { get; init; } = EmailTexts.ButtonFor;

    public string LinkFallback { get; init; } = EmailTexts.LinkFallback;

    /// <summary>A patient's email in the patient's language: its only link is their appointment page.</summary>
    public static EmailFrame ForPatient(ClinicOptions clinic, PatientTexts texts, string language)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        ArgumentNullException.ThrowIfNull(texts);
        return new EmailFrame(clinic.Brand, EmailTexts.PatientFooter(clinic, texts[language, "Common.Phone"]))
        {
            Language = language,
            ButtonFor = _ => texts[language, "Email.Button"],
            LinkFallback = texts[language, "Email.LinkFallback"],
        };
    }

    public static EmailFrame ForStaff(ClinicOptions clinic) => new(clinic.Brand, EmailTexts.StaffFooter(clinic));
}
