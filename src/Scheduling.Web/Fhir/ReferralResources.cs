using System.Globalization;

using Hl7.Fhir.Model;

using Scheduling.Application.Common.Display;
using Scheduling.Application.Features.Referrals;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Referrals;

using static Scheduling.Application.Features.Referrals.ListReferralRecords;

namespace Scheduling.Web.Fhir;

/// <summary>
/// A referral as FHIR resources and back. The referral's id is the id of its Patient (the patient as
/// referred), its ServiceRequest (with the answers contained as a QuestionnaireResponse) and its
/// Task (its progress). Incoming, a transaction Bundle with one Patient, one ServiceRequest and one
/// QuestionnaireResponse becomes the referral form's input, with each problem naming the element.
/// </summary>
public sealed class ReferralResources(EligibilityQuestionnaire questionnaire)
{
    /// <summary>Languages are coded as BCP 47 tags (en, es).</summary>
    public const string LanguageSystem = "urn:ietf:bcp:47";

    public const string Icd10System = "http://hl7.org/fhir/sid/icd-10-cm";
    public const string Icd10WhoSystem = "http://hl7.org/fhir/sid/icd-10";
    public const string IdentifierTypeSystem = "http://terminology.hl7.org/CodeSystem/v2-0203";
    public const string AnswersId = "answers";

    public string BusinessStatusSystem => questionnaire.AnswerSystem.Replace("tace-eligibility-answers", "tace-referral-status", StringComparison.Ordinal);

    public string FindingSystem => questionnaire.AnswerSystem.Replace("tace-eligibility-answers", "tace-eligibility-findings", StringComparison.Ordinal);

    public Patient ToPatient(ReferralRecord record)
    {
        var details = record.Details;
        var patient = new Patient
        {
            Id = record.Id.ToString(),
            Meta = new Meta { LastUpdated = Utc(record.UpdatedAtUtc) },
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = details.PatientLastName, Given = [details.PatientFirstName!] }],
            BirthDate = details.PatientDateOfBirth?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Gender = details.PatientSex switch
            {
                PatientSex.Female => AdministrativeGender.Female,
                PatientSex.Male => AdministrativeGender.Male,
                PatientSex.Other => AdministrativeGender.Other,
                PatientSex.Unknown => AdministrativeGender.Unknown,
                _ => null,
            },
        };
        if (!string.IsNullOrWhiteSpace(details.MedicalRecordNumber))
        {
            patient.Identifier.Add(new Identifier
            {
                Type = new CodeableConcept(IdentifierTypeSystem, "MR", "Medical record number"),
                Value = details.MedicalRecordNumber,
            });
        }

        if (!string.IsNullOrWhiteSpace(details.PatientPhone))
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, details.PatientPhone));
        }

        if (!string.IsNullOrWhiteSpace(details.PatientEmail))
        {
            patient.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, null, details.PatientEmail));
        }

        if (PatientLanguages.IsSupported(details.PreferredLanguage))
        {
            var name = DisplayNames.Language(details.PreferredLanguage);
            patient.Communication.Add(new Patient.CommunicationComponent
            {
                Language = new CodeableConcept(LanguageSystem, details.PreferredLanguage, name, name),
                Preferred = true,
            });
        }
        else if (PatientLanguages.NeedsInterpreter(details.PreferredLanguage) && !string.IsNullOrWhiteSpace(details.InterpreterLanguage))
        {
            // Another language: only its name as the doctor wrote it (no code is claimed for it).
            patient.Communication.Add(new Patient.CommunicationComponent
            {
                Language = new CodeableConcept { Text = details.InterpreterLanguage },
                Preferred = true,
            });
        }

        return patient;
    }

    public ServiceRequest ToServiceRequest(ReferralRecord record)
    {
        var details = record.Details;
        var answers = questionnaire.Write(record.Questionnaire);
        answers.Id = AnswersId;
        answers.Subject = new ResourceReference($"Patient/{record.Id}");
        answers.Authored = record.SubmittedAtUtc is { } submitted ? Utc(submitted).ToString("o", CultureInfo.InvariantCulture) : null;
        var request = new ServiceRequest
        {
            Id = record.Id.ToString(),
            Meta = new Meta { LastUpdated = Utc(record.UpdatedAtUtc) },
            Contained = [answers],
            Status = StatusOf(record.Status),
            Intent = RequestIntent.Order,
            Code = new CodeableConcept { Text = "Chemoembolization (TACE) of liver tumour" },
            Subject = new ResourceReference($"Patient/{record.Id}"),
            Requester = new ResourceReference { Display = record.DoctorName },
            AuthoredOn = record.SubmittedAtUtc is { } at ? Utc(at).ToString("o", CultureInfo.InvariantCulture) : null,
            Priority = details.Urgency == Urgency.Urgent ? RequestPriority.Urgent : RequestPriority.Routine,
            SupportingInfo = [new ResourceReference("#" + AnswersId)],
        };
        request.ReasonCode.Add(new CodeableConcept
        {
            Coding = string.IsNullOrWhiteSpace(details.Icd10Code) ? [] : [new Coding(Icd10System, details.Icd10Code)],
            Text = details.Diagnosis,
        });
        if (!string.IsNullOrWhiteSpace(details.ClinicalNotes))
        {
            request.Note.Add(new Annotation { Text = new Markdown(details.ClinicalNotes) });
        }

        return request;
    }

    /// <summary>
    /// The referral's progress: requested while the clinic has not accepted it (the business status
    /// says whether it waits for an IR physician's review), accepted once ready to schedule,
    /// in progress once booked, rejected when declined, with the eligibility findings as outputs.
    /// </summary>
    public Hl7.Fhir.Model.Task ToTask(ReferralRecord record)
    {
        var (status, business) = record.Status switch
        {
            ReferralStatus.ReadyToSchedule => (Hl7.Fhir.Model.Task.TaskStatus.Accepted, ("ready-to-schedule", "Accepted: waiting for a procedure date")),
            ReferralStatus.Scheduled => (Hl7.Fhir.Model.Task.TaskStatus.InProgress, ("scheduled", "Procedure booked")),
            ReferralStatus.Completed => (Hl7.Fhir.Model.Task.TaskStatus.Completed, ("completed", "Procedure done")),
            ReferralStatus.Declined => (Hl7.Fhir.Model.Task.TaskStatus.Rejected, ("declined", "Declined by an IR physician")),
            ReferralStatus.Withdrawn => (Hl7.Fhir.Model.Task.TaskStatus.Cancelled, ("withdrawn", "Withdrawn by the referring doctor")),
            ReferralStatus.Cancelled => (Hl7.Fhir.Model.Task.TaskStatus.Cancelled, ("cancelled", "Cancelled")),
            ReferralStatus.InformationRequested => (Hl7.Fhir.Model.Task.TaskStatus.OnHold, ("information-requested", "An IR physician asked for more information")),
            _ when record.Outcome == EligibilityOutcome.Ineligible => (Hl7.Fhir.Model.Task.TaskStatus.Requested, ("ineligible-awaiting-review", "Proposed ineligible: an IR physician decides (may override)")),
            _ => (Hl7.Fhir.Model.Task.TaskStatus.Requested, ("needs-review", "Needs review by an IR physician")),
        };
        var task = new Hl7.Fhir.Model.Task
        {
            Id = record.Id.ToString(),
            Meta = new Meta { LastUpdated = Utc(record.UpdatedAtUtc) },
            Status = status,
            BusinessStatus = new CodeableConcept(BusinessStatusSystem, business.Item1, business.Item2, business.Item2),
            Intent = Hl7.Fhir.Model.Task.TaskIntent.Order,
            Description = "Chemoembolization (TACE) referral",
            BasedOn = [new ResourceReference($"ServiceRequest/{record.Id}")],
            Focus = new ResourceReference($"ServiceRequest/{record.Id}"),
            For = new ResourceReference($"Patient/{record.Id}"),
            AuthoredOn = record.SubmittedAtUtc is { } at ? Utc(at).ToString("o", CultureInfo.InvariantCulture) : null,
            LastModified = Utc(record.UpdatedAtUtc).ToString("o", CultureInfo.InvariantCulture),
        };
        if (record.Status is ReferralStatus.Declined or ReferralStatus.Withdrawn or ReferralStatus.Cancelled or ReferralStatus.InformationRequested
            && !string.IsNullOrWhiteSpace(record.DecisionReason))
        {
            task.StatusReason = new CodeableConcept { Text = record.DecisionReason };
        }

        if (record.Outcome is { } outcome)
        {
            task.Output.Add(new Hl7.Fhir.Model.Task.OutputComponent
            {
                Type = new CodeableConcept { Text = "Eligibility outcome" },
                Value = new Coding(FindingSystem, outcome.ToString(), OutcomeText(outcome)),
            });
        }

        foreach (var finding in record.Findings)
        {
            task.Output.Add(new Hl7.Fhir.Model.Task.OutputComponent
            {
                Type = new CodeableConcept(FindingSystem, FindingCode(finding), $"Criterion {finding.Criterion}"),
                Value = new FhirString(finding.Reason),
            });
        }

        return task;
    }

    /// <summary>The eligibility result as an OperationOutcome: the outcome first, then one issue per criterion that triggered.</summary>
    public OperationOutcome EligibilityResult(ReferralRecord record)
    {
        var outcome = new OperationOutcome();
        outcome.Issue.Add(Outcomes.Issue(
            OperationOutcome.IssueSeverity.Information,
            OperationOutcome.IssueType.Informational,
            $"{OutcomeText(record.Outcome ?? Domain.Eligibility.EligibilityOutcome.NeedsReview)} (criteria version {record.CriteriaVersion}; Child-Pugh {record.ChildPugh}). Progress: Task/{record.Id}."));
        foreach (var finding in record.Findings)
        {
            var issue = Outcomes.Issue(
                finding.Level == FindingLevel.Flag ? OperationOutcome.IssueSeverity.Information : OperationOutcome.IssueSeverity.Warning,
                finding.Level == FindingLevel.Ineligible ? OperationOutcome.IssueType.BusinessRule : OperationOutcome.IssueType.Informational,
                finding.Reason,
                EligibilityQuestionnaire.LinkIdOfCriterion(finding.Criterion) is { } linkId ? ItemExpression(linkId) : null);
            issue.Details!.Coding.Add(new Coding(FindingSystem, FindingCode(finding), $"Criterion {finding.Criterion}"));
            outcome.Issue.Add(issue);
        }

        return outcome;
    }

    public static string OutcomeText(EligibilityOutcome outcome) => outcome switch
    {
        Domain.Eligibility.EligibilityOutcome.Eligible => "Eligible: ready to schedule",
        Domain.Eligibility.EligibilityOutcome.NeedsReview => "Needs review by an IR physician",
        _ => "Proposed ineligible: an IR physician reviews it and may override",
    };

    public static RequestStatus StatusOf(ReferralStatus status) => status switch
    {
        ReferralStatus.Draft => RequestStatus.Draft,
        ReferralStatus.AwaitingReview or ReferralStatus.InformationRequested => RequestStatus.OnHold,
        ReferralStatus.Completed => RequestStatus.Completed,
        ReferralStatus.Declined or ReferralStatus.Withdrawn or ReferralStatus.Cancelled => RequestStatus.Revoked,
        _ => RequestStatus.Active,
    };

    public static string ItemExpression(string linkId) => $"QuestionnaireResponse.item.where(linkId='{linkId}')";

    /// <summary>Where a field of the referral form lives in the transaction, for naming it in an OperationOutcome.</summary>
    public static string? ExpressionOf(string field)
    {
        var name = field.Contains('.', StringComparison.Ordinal) ? field[(field.LastIndexOf('.') + 1)..] : field;
        if (field.StartsWith("Questionnaire.", StringComparison.Ordinal))
        {
            return EligibilityQuestionnaire.LinkIdOfField(name) is { } linkId ? ItemExpression(linkId) : "QuestionnaireResponse";
        }

        return name switch
        {
            nameof(ReferralDetailsInput.PatientFirstName) => "Patient.name.given",
            nameof(ReferralDetailsInput.PatientLastName) => "Patient.name.family",
            nameof(ReferralDetailsInput.PatientDateOfBirth) => "Patient.birthDate",
            nameof(ReferralDetailsInput.PatientSex) => "Patient.gender",
            nameof(ReferralDetailsInput.PatientPhone) => "Patient.telecom.where(system='phone')",
            nameof(ReferralDetailsInput.PatientEmail) => "Patient.telecom.where(system='email')",
            nameof(ReferralDetailsInput.PreferredLanguage) => "Patient.communication.language",
            nameof(ReferralDetailsInput.InterpreterLanguage) => "Patient.communication.language",
            nameof(ReferralDetailsInput.MedicalRecordNumber) => "Patient.identifier",
            nameof(ReferralDetailsInput.PracticeName) or nameof(ReferralDetailsInput.PracticeContact) => "ServiceRequest.requester",
            nameof(ReferralDetailsInput.Diagnosis) => "ServiceRequest.reasonCode.text",
            nameof(ReferralDetailsInput.Icd10Code) => "ServiceRequest.reasonCode.coding.code",
            nameof(ReferralDetailsInput.Urgency) => "ServiceRequest.priority",
            nameof(ReferralDetailsInput.ClinicalNotes) => "ServiceRequest.note",
            _ => null,
        };
    }

    /// <summary>
    /// The referral form's input from a transaction Bundle: its Patient, ServiceRequest (subject the
    /// Patient) and QuestionnaireResponse (answering our questionnaire). What cannot be read is listed
    /// with the element it concerns; the form's own validator checks the values afterwards.
    /// </summary>
    public (ReferralDetailsInput Details, QuestionnaireInput Answers, ServiceRequest? Request, IReadOnlyList<(string Expression, string Message)> Problems) Read(
        Bundle bundle, ReferralDetailsInput defaults)
    {
        List<(string, string)> problems = [];
        if (bundle.Type != Bundle.BundleType.Transaction)
        {
            problems.Add(("Bundle.type", "Send the referral as a Bundle of type transaction."));
        }

        T? Single<T>()
            where T : Resource
        {
            var found = bundle.Entry.Where(e => e.Resource is T).ToList();
            if (found.Count != 1)
            {
                problems.Add(($"Bundle.entry", $"The transaction needs exactly one {typeof(T).Name} (it has {found.Count})."));
                return null;
            }

            if (found[0].Request is { } entryRequest && entryRequest.Method != Bundle.HTTPVerb.POST)
            {
                problems.Add(($"Bundle.entry.request", $"The {typeof(T).Name} entry must be a POST (create)."));
            }

            return (T)found[0].Resource!;
        }

        if (bundle.Entry.FirstOrDefault(e => e.Resource is not (Patient or ServiceRequest or QuestionnaireResponse)) is { } other)
        {
            problems.Add(("Bundle.entry", $"A referral transaction holds only a Patient, a ServiceRequest and a QuestionnaireResponse, not a {other.Resource?.TypeName ?? "empty entry"}."));
        }

        var patient = Single<Patient>();
        var request = Single<ServiceRequest>();
        var response = Single<QuestionnaireResponse>();
        if (patient is null || request is null || response is null)
        {
            return (defaults, new QuestionnaireInput(), request, problems);
        }

        var patientUrl = bundle.Entry.First(e => e.Resource == patient).FullUrl;
        if (request.Subject?.Reference is not { } subject || (subject != patientUrl && subject != $"Patient/{patient.Id}"))
        {
            problems.Add(("ServiceRequest.subject", "The ServiceRequest's subject must reference the Patient in this transaction (its fullUrl)."));
        }

        if (request.Intent is not (RequestIntent.Order or RequestIntent.OriginalOrder))
        {
            problems.Add(("ServiceRequest.intent", "A referral's intent is order."));
        }

        if (request.Status is not RequestStatus.Active)
        {
            problems.Add(("ServiceRequest.status", "Send the referral with status active."));
        }

        var canonical = response.Questionnaire?.Split('|')[0];
        if (canonical != questionnaire.Url)
        {
            problems.Add(("QuestionnaireResponse.questionnaire", $"Answer the questionnaire {questionnaire.Url} (read it at /fhir/Questionnaire/{EligibilityQuestionnaire.Id})."));
        }

        var (answers, answerProblems) = questionnaire.Read(response);
        problems.AddRange(answerProblems.Select(p => (ItemExpression(p.LinkId), p.Message)));

        var name = patient.Name.FirstOrDefault(n => n.Use is null or HumanName.NameUse.Official) ?? patient.Name.FirstOrDefault();
        var reason = request.ReasonCode.FirstOrDefault();
        var icd10 = reason?.Coding.FirstOrDefault(c => c.System is Icd10System or Icd10WhoSystem)?.Code;
        DateOnly? birthDate = null;
        if (patient.BirthDate is { } birth)
        {
            if (DateOnly.TryParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                birthDate = parsed;
            }
            else
            {
                problems.Add(("Patient.birthDate", "Give the patient's full date of birth (YYYY-MM-DD)."));
            }
        }

        // The preferred language: its BCP 47 code when sent (en, es-MX), else its name; a language the
        // clinic has no texts in becomes "another language (interpreter needed)", named as sent.
        var spokenLanguage = patient.Communication.FirstOrDefault(c => c.Preferred == true)?.Language;
        var spoken = spokenLanguage?.Coding.FirstOrDefault(c => c.System == LanguageSystem)?.Code ?? spokenLanguage?.Text ?? spokenLanguage?.Coding.FirstOrDefault()?.Display;
        var spokenName = spokenLanguage?.Text ?? spokenLanguage?.Coding.FirstOrDefault()?.Display ?? spoken;
        var details = defaults with
        {
            PatientFirstName = name?.Given.FirstOrDefault(),
            PatientLastName = name?.Family,
            PatientDateOfBirth = birthDate,
            PatientSex = patient.Gender switch
            {
                AdministrativeGender.Female => PatientSex.Female,
                AdministrativeGender.Male => PatientSex.Male,
                AdministrativeGender.Other => PatientSex.Other,
                AdministrativeGender.Unknown => PatientSex.Unknown,
                _ => null,
            },
            PatientPhone = patient.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value,
            PatientEmail = patient.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Email)?.Value,
            PreferredLanguage = PatientLanguages.FromText(spoken) ?? defaults.PreferredLanguage,
            InterpreterLanguage = PatientLanguages.NeedsInterpreter(PatientLanguages.FromText(spoken)) ? spokenName : defaults.InterpreterLanguage,
            MedicalRecordNumber = (patient.Identifier.FirstOrDefault(i => i.Type?.Coding.Any(c => c.Code == "MR") == true)
                ?? patient.Identifier.FirstOrDefault())?.Value,
            PracticeContact = request.Requester?.Display ?? defaults.PracticeContact,
            Diagnosis = reason?.Text ?? reason?.Coding.FirstOrDefault()?.Display,
            Icd10Code = icd10,
            Urgency = request.Priority is RequestPriority.Urgent or RequestPriority.Asap or RequestPriority.Stat ? Urgency.Urgent : Urgency.Routine,
            ClinicalNotes = request.Note.Count == 0 ? null : string.Join("\n", request.Note.Select(n => n.Text)),
        };
        return (details, answers, request, problems);
    }

    private static string FindingCode(FindingView finding) => finding.Criterion.ToString(CultureInfo.InvariantCulture) + finding.Level switch
    {
        FindingLevel.Review => "R",
        FindingLevel.Ineligible => "X",
        _ => "F",
    };

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
