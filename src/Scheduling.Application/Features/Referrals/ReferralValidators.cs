using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;

using FluentValidation;

using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Referrals;

/// <summary>
/// Checks the patient and practice details. A draft needs only the patient's name and date of
/// birth, and whatever else it has must be well formed; a submission needs everything.
/// </summary>
public sealed partial class ReferralDetailsValidator : AbstractValidator<ReferralDetailsInput>
{
    public const int OldestPatientYears = 120;

    private readonly bool _requireComplete;

    public ReferralDetailsValidator(TimeProvider clock, ClinicTime clinicTime, bool requireComplete = true)
    {
        _requireComplete = requireComplete;
        var today = clinicTime.Today(clock);

        Text(d => d.PatientFirstName, "the patient's first name", Referral.NameMaxLength);
        Text(d => d.PatientLastName, "the patient's last name", Referral.NameMaxLength);
        RuleFor(d => d.PatientDateOfBirth).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter the patient's date of birth.")
            .Must(d => d <= today).WithMessage("The date of birth cannot be in the future.")
            .Must(d => d >= today.AddYears(-OldestPatientYears)).WithMessage($"The date of birth is more than {OldestPatientYears} years ago; check the year.");
        RuleFor(d => d.PatientSex).NotNull().When(_ => _requireComplete).WithMessage("Choose the patient's sex.");
        RuleFor(d => d.PatientSex).IsInEnum().WithMessage("Choose the patient's sex.");
        Text(d => d.PatientPhone, "the patient's phone number", Referral.PhoneMaxLength, optional: !requireComplete)
            .Must(p => string.IsNullOrWhiteSpace(p) || PhonePattern().IsMatch(p.Trim())).WithMessage("Enter a phone number using digits, spaces, + - ( ) only.");
        Text(d => d.PatientEmail, "the patient's email address", Referral.EmailMaxLength, optional: !requireComplete)
            .Must(IsEmail).WithMessage("Enter a valid email address, like name@example.com.");
        RuleFor(d => d.PreferredLanguage).Cascade(CascadeMode.Stop)
            .Must(v => !requireComplete || !string.IsNullOrWhiteSpace(v)).WithMessage("Choose the patient's preferred language.")
            .Must(v => string.IsNullOrWhiteSpace(v) || PatientLanguages.IsChoice(v)).WithMessage("Choose the patient's preferred language from the list.");
        RuleFor(d => d.InterpreterLanguage).Cascade(CascadeMode.Stop)
            .Must((d, v) => !requireComplete || !PatientLanguages.NeedsInterpreter(d.PreferredLanguage) || !string.IsNullOrWhiteSpace(v))
            .WithMessage("Name the language the interpreter must speak.")
            .Must(v => v is null || v.Trim().Length <= PatientLanguages.InterpreterLanguageMaxLength)
            .WithMessage($"This can be at most {PatientLanguages.InterpreterLanguageMaxLength} characters.");
        RuleFor(d => d.PatientMobile)
            .Must(m => string.IsNullOrWhiteSpace(m) || MobileNumbers.Normalize(m) is not null)
            .WithMessage("Enter a mobile number, like (617) 555-0199 or +44 7700 900123.");
        RuleFor(d => d.PatientMobile)
            .Must((d, m) => !d.TextConsent || !string.IsNullOrWhiteSpace(m))
            .WithMessage("Enter the patient's mobile number for texts, or untick the box.");
        RuleFor(d => d.MedicalRecordNumber).MaximumLength(Referral.MedicalRecordNumberMaxLength)
            .WithMessage($"The medical record number can be at most {Referral.MedicalRecordNumberMaxLength} characters.");
        Text(d => d.PracticeName, "your practice's name", Referral.PracticeMaxLength, optional: !requireComplete);
        Text(d => d.PracticeContact, "how the clinic can reach you", Referral.PracticeMaxLength, optional: !requireComplete);
        Text(d => d.Diagnosis, "the primary diagnosis", Referral.DiagnosisMaxLength, optional: !requireComplete);
        Text(d => d.Icd10Code, "the ICD-10 code", Referral.Icd10MaxLength, optional: !requireComplete)
            .Must(c => string.IsNullOrWhiteSpace(c) || Icd10Pattern().IsMatch(c.Trim())).WithMessage("Enter an ICD-10 code such as C22.0.");
        RuleFor(d => d.Urgency).NotNull().When(_ => _requireComplete).WithMessage("Choose routine or urgent.");
        RuleFor(d => d.Urgency).IsInEnum().WithMessage("Choose routine or urgent.");
        RuleFor(d => d.ClinicalNotes).MaximumLength(Referral.NotesMaxLength)
            .WithMessage($"Clinical notes can be at most {Referral.NotesMaxLength} characters.");
    }

    private IRuleBuilderOptions<ReferralDetailsInput, string?> Text(
        System.Linq.Expressions.Expression<Func<ReferralDetailsInput, string?>> field, string what, int max, bool optional = false) =>
        RuleFor(field).Cascade(CascadeMode.Stop)
            .Must(v => optional || !string.IsNullOrWhiteSpace(v)).WithMessage($"Enter {what}.")
            .Must(v => v is null || v.Trim().Length <= max).WithMessage($"This can be at most {max} characters.");

    private static bool IsEmail(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        var trimmed = value.Trim();
        return MailAddress.TryCreate(trimmed, out var address)
            && address.Address == trimmed
            && address.Host.Contains('.', StringComparison.Ordinal)
            && !address.Host.EndsWith('.');
    }

    [GeneratedRegex(@"^\+?[0-9 ()\-]{7,40}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[A-Za-z][0-9][0-9A-Za-z](\.[0-9A-Za-z]{1,4})?$")]
    private static partial Regex Icd10Pattern();
}

/// <summary>
/// Plausible ranges for every value (a typo such as a bilirubin of 400 is refused, not evaluated),
/// and, on submission, that every question is answered.
/// </summary>
public abstract class QuestionnaireValidator : AbstractValidator<QuestionnaireInput>
{
    public const string AnswerToSubmit = "Answer this question to submit the referral.";

    /// <summary>Labs older than this are not a referral's labs but a typo in the year.</summary>
    public const int OldestResultDays = 366;

    protected QuestionnaireValidator(TimeProvider clock, ClinicTime clinicTime, bool requireComplete)
    {
        var today = clinicTime.Today(clock);

        RuleFor(q => q.Diagnosis).IsInEnum().WithMessage("Choose a diagnosis from the list.");
        RuleFor(q => q.BclcStage).IsInEnum().WithMessage("Choose a BCLC stage from the list.");
        RuleFor(q => q.Ecog).InclusiveBetween(EligibilityCriteria.EcogMinimum, EligibilityCriteria.EcogMaximum)
            .WithMessage($"ECOG is a grade from {EligibilityCriteria.EcogMinimum} to {EligibilityCriteria.EcogMaximum}.");
        Range(q => q.BilirubinMgDl, "Total bilirubin", 0.1m, 50m, "mg/dL");
        Range(q => q.AlbuminGdL, "Albumin", 0.5m, 7m, "g/dL");
        Range(q => q.Inr, "INR", 0.5m, 10m, string.Empty);
        Range(q => q.Platelets, "Platelets", 1m, 2000m, "×10⁹/L");
        Range(q => q.CreatinineMgDl, "Creatinine", 0.1m, 25m, "mg/dL");
        Range(q => q.Egfr, "eGFR", 1m, 200m, "mL/min/1.73m²");
        Range(q => q.TumourBurdenPercent, "Tumour burden", 0m, 100m, "%");
        Range(q => q.LargestLesionCm, "Largest lesion", 0m, 40m, "cm");
        RuleFor(q => q.Ascites).IsInEnum().WithMessage("Choose an answer from the list.");
        RuleFor(q => q.Encephalopathy).IsInEnum().WithMessage("Choose an answer from the list.");
        RuleFor(q => q.PortalVein).IsInEnum().WithMessage("Choose an answer from the list.");
        RuleFor(q => q.ContrastReaction).IsInEnum().WithMessage("Choose an answer from the list.");
        RuleFor(q => q.Pregnancy).IsInEnum().WithMessage("Choose an answer from the list.");
        RuleFor(q => q.Anticoagulant).MaximumLength(200).WithMessage("The medication name can be at most 200 characters.");
        Date(q => q.LabsDrawnOn, "labs", today);
        Date(q => q.ImagingDoneOn, "imaging", today);

        if (!requireComplete)
        {
            return;
        }

        RuleFor(q => q.Diagnosis).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.BclcStage).NotNull().When(q => q.NeedsBclcStage).WithMessage("Enter the BCLC stage for hepatocellular carcinoma.");
        RuleFor(q => q.CurativeTreatmentNotPossible).NotNull().When(q => q.NeedsCurativeAnswer).WithMessage(AnswerToSubmit);
        RuleFor(q => q.Ecog).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.BilirubinMgDl).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.AlbuminGdL).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.Inr).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.Ascites).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.Encephalopathy).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.Platelets).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.CreatinineMgDl).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.Egfr).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.OnDialysis).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.PortalVein).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.ExtrahepaticDisease).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.TumourBurdenPercent).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.LargestLesionCm).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.BiliaryObstruction).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.BilioEntericAnastomosis).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.BiliaryStent).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.Sphincterotomy).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.HighRiskVaricesOrSevereCardiopulmonaryDisease).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.ContrastReaction).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.Pregnancy).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.ActiveInfection).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.TakesAnticoagulant).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.Anticoagulant).Must(a => !string.IsNullOrWhiteSpace(a)).When(q => q.TakesAnticoagulant == true)
            .WithMessage("Name the anticoagulant or antiplatelet medication.");
        RuleFor(q => q.LiverTransplant).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.PriorEncephalopathy).NotNull().WithMessage(AnswerToSubmit);
        RuleFor(q => q.LabsDrawnOn).NotNull().WithMessage("Enter the date the labs were drawn.");
        RuleFor(q => q.ImagingDoneOn).NotNull().WithMessage("Enter the date of the latest CT or MRI.");
    }

    private void Range(System.Linq.Expressions.Expression<Func<QuestionnaireInput, decimal?>> field, string name, decimal min, decimal max, string unit)
    {
        var suffix = unit.Length == 0 ? string.Empty : " " + unit;
        var read = field.Compile();
        RuleFor(field).InclusiveBetween(min, max).WithMessage(
            v => $"{name} must be between {N(min)} and {N(max)}{suffix}; {N(read(v) ?? 0m)} is not a plausible value.");
    }

    private void Date(System.Linq.Expressions.Expression<Func<QuestionnaireInput, DateOnly?>> field, string what, DateOnly today) =>
        RuleFor(field)
            .Must(d => d is null || d <= today).WithMessage($"The {what} date cannot be in the future.")
            .Must(d => d is null || d >= today.AddDays(-OldestResultDays)).WithMessage($"The {what} date is more than a year ago; check it.");

    private static string N(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}


/// <summary>A draft: values in range, unanswered questions allowed.</summary>
public sealed class DraftQuestionnaireValidator(TimeProvider clock, ClinicTime clinicTime)
    : QuestionnaireValidator(clock, clinicTime, requireComplete: false);

/// <summary>A submission: values in range and every question answered.</summary>
public sealed class CompleteQuestionnaireValidator(TimeProvider clock, ClinicTime clinicTime)
    : QuestionnaireValidator(clock, clinicTime, requireComplete: true);
