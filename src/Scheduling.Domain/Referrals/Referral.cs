using Scheduling.Domain.Common;
using Scheduling.Domain.Eligibility;
using Scheduling.Domain.Messaging;

namespace Scheduling.Domain.Referrals;

/// <summary>
/// The patient, diagnosis and clinical answers a referring doctor sends. A draft needs only the
/// patient's name and date of birth (the rest may be empty or null); a referral is sent only complete.
/// <see cref="PreferredLanguage"/> is one of <see cref="PatientLanguages.Choices"/> (or empty on a draft).
/// </summary>
public sealed record ReferralDetails(
    string PatientFirstName,
    string PatientLastName,
    DateOnly PatientDateOfBirth,
    PatientSex? PatientSex,
    string PatientPhone,
    string PatientEmail,
    string PreferredLanguage,
    string? MedicalRecordNumber,
    string PracticeName,
    string PracticeContact,
    string Diagnosis,
    string Icd10Code,
    Urgency? Urgency,
    string? ClinicalNotes)
{
    /// <summary>The language the patient speaks when it is <see cref="PatientLanguages.Other"/> (for the interpreter).</summary>
    public string? InterpreterLanguage { get; init; }

    /// <summary>The patient's mobile number in E.164 (<see cref="MobileNumbers"/>), if they have one.</summary>
    public string? PatientMobile { get; init; }

    /// <summary>The referring doctor confirms the patient agreed to get texts about appointments at <see cref="PatientMobile"/>.</summary>
    public bool TextConsent { get; init; }

    /// <summary>Everything a sent referral must have; a draft may lack any of it.</summary>
    public bool IsComplete => PatientSex is not null && Urgency is not null
        && !string.IsNullOrWhiteSpace(PatientPhone) && !string.IsNullOrWhiteSpace(PatientEmail)
        && PatientLanguages.IsChoice(PreferredLanguage) && !string.IsNullOrWhiteSpace(PracticeName)
        && (!PatientLanguages.NeedsInterpreter(PreferredLanguage) || !string.IsNullOrWhiteSpace(InterpreterLanguage))
        && (!TextConsent || PatientMobile is not null)
        && !string.IsNullOrWhiteSpace(PracticeContact) && !string.IsNullOrWhiteSpace(Diagnosis)
        && !string.IsNullOrWhiteSpace(Icd10Code);
}

/// <summary>
/// A request from a referring doctor to treat one patient with chemoembolization, and the state
/// machine that takes it from draft to a completed procedure. Every transition checks the current
/// status and appends a timeline event, so an illegal jump (approving a withdrawn referral,
/// scheduling a declined one) is refused here whatever the caller does.
/// </summary>
public sealed class Referral : Entity
{
    public const int NameMaxLength = 100;
    public const int PhoneMaxLength = 40;
    public const int EmailMaxLength = 254;
    public const int LanguageMaxLength = 50;
    public const int MedicalRecordNumberMaxLength = 50;
    public const int PracticeMaxLength = 200;
    public const int DiagnosisMaxLength = 200;
    public const int Icd10MaxLength = 8;
    public const int NotesMaxLength = 4000;
    public const int ReasonMaxLength = 1000;

    private readonly List<ReferralEvent> _events = [];

    private Referral()
    {
        DoctorUserId = string.Empty;
        PatientFirstName = PatientLastName = PatientPhone = PatientEmail = PreferredLanguage = string.Empty;
        PracticeName = PracticeContact = Diagnosis = Icd10Code = string.Empty;
    }

    /// <summary>The Identity user id of the referring doctor who owns this referral.</summary>
    public string DoctorUserId { get; private set; }

    public string PatientFirstName { get; private set; }

    public string PatientLastName { get; private set; }

    public DateOnly PatientDateOfBirth { get; private set; }

    /// <summary>Null only on a draft saved before it was chosen.</summary>
    public PatientSex? PatientSex { get; private set; }

    public string PatientPhone { get; private set; }

    public string PatientEmail { get; private set; }

    /// <summary>One of <see cref="PatientLanguages.Choices"/>; empty on a draft saved before it was chosen.</summary>
    public string PreferredLanguage { get; private set; }

    /// <summary>The language an interpreter must speak, when <see cref="PreferredLanguage"/> is <see cref="PatientLanguages.Other"/>.</summary>
    public string? InterpreterLanguage { get; private set; }

    /// <summary>The language the patient's emails, texts and pages are written in.</summary>
    public string TextLanguage => PatientLanguages.TextLanguageOf(PreferredLanguage);

    public bool NeedsInterpreter => PatientLanguages.NeedsInterpreter(PreferredLanguage);

    /// <summary>E.164 mobile number for texts (<see cref="MobileNumbers"/>); null when none was given.</summary>
    public string? PatientMobile { get; private set; }

    /// <summary>
    /// The patient agreed to texts about their appointments at <see cref="PatientMobile"/>: confirmed by
    /// the referring doctor on the referral, or set by the patient on their appointment page. A STOP
    /// reply from the number overrides it (<see cref="TextOptOut"/>).
    /// </summary>
    public bool TextConsent { get; private set; }

    /// <summary>When <see cref="TextConsent"/> or the mobile number last changed after the referral was sent.</summary>
    public DateTime? TextSettingsChangedAtUtc { get; private set; }

    public string? MedicalRecordNumber { get; private set; }

    public string PracticeName { get; private set; }

    public string PracticeContact { get; private set; }

    public string Diagnosis { get; private set; }

    public string Icd10Code { get; private set; }

    /// <summary>Null only on a draft saved before it was chosen.</summary>
    public Urgency? Urgency { get; private set; }

    public string? ClinicalNotes { get; private set; }

    public ReferralStatus Status { get; private set; }

    /// <summary>The questionnaire as entered (serialized by the application); a draft may be incomplete.</summary>
    public string? QuestionnaireJson { get; private set; }

    /// <summary>Outcome of the rules when submitted; null for a draft.</summary>
    public EligibilityOutcome? Outcome { get; private set; }

    /// <summary>The criteria version the outcome was evaluated with; later threshold changes never rewrite it.</summary>
    public string? CriteriaVersion { get; private set; }

    /// <summary>The triggering findings, serialized by the application (criterion, level, reason).</summary>
    public string? FindingsJson { get; private set; }

    public bool OvernightBedLikely { get; private set; }

    public bool PremedicationNeeded { get; private set; }

    public DateOnly? LabsDrawnOn { get; private set; }

    public DateOnly? ImagingDoneOn { get; private set; }

    /// <summary>Which of the referral's labs and imaging must be repeated before a procedure on <paramref name="procedureDate"/>.</summary>
    public Staleness StalenessOn(DateOnly procedureDate, EligibilityCriteria criteria) =>
        EligibilityEvaluator.CheckStaleness(LabsDrawnOn, ImagingDoneOn, procedureDate, criteria);

    public DateTime CreatedAtUtc { get; private set; }

    public DateTime UpdatedAtUtc { get; private set; }

    public DateTime? SubmittedAtUtc { get; private set; }

    /// <summary>When the referral last entered the scheduling queue; the queue's waiting time counts from here.</summary>
    public DateTime? ReadyToScheduleSinceUtc { get; private set; }

    /// <summary>
    /// The queue's first sort key, kept with <see cref="Urgency"/>: 0 for urgent, 1 for everything else.
    /// With <see cref="QueueSinceUtc"/> it is the order of the review and scheduling queues, stored so
    /// an index serves each queue's pages instead of a sort of the whole queue.
    /// </summary>
    public int QueueRank { get; private set; } = RoutineRank;

    /// <summary>
    /// The queue's second sort key, kept with the status: awaiting review, since it was submitted;
    /// ready to schedule, since it last entered the scheduling queue; in no queue, null.
    /// </summary>
    public DateTime? QueueSinceUtc { get; private set; }

    public const int UrgentRank = 0;

    public const int RoutineRank = 1;

    /// <summary>The radiologist's or scheduler's decision text (decline reason, override justification, withdrawal or cancellation reason).</summary>
    public string? DecisionReason { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTime? DecidedAtUtc { get; private set; }

    /// <summary>
    /// The patient record this referral belongs to: set when staff confirm a match or open a new
    /// record, or at the first procedure; null until then (never set by matching alone).
    /// </summary>
    public Guid? PatientId { get; private set; }

    /// <summary>The treatment course this referral was planned from ("Plan the next session"); null for a first referral.</summary>
    public Guid? CourseId { get; private set; }

    /// <summary>Changed on every transition; a concurrency token so two people acting at once cannot both win.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public IReadOnlyList<ReferralEvent> Events => _events;

    public string PatientInitials =>
        $"{Initial(PatientFirstName)}{Initial(PatientLastName)}";

    public static Referral CreateDraft(string doctorUserId, ReferralDetails details, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(doctorUserId))
        {
            throw new DomainException("A referral belongs to a referring doctor.");
        }

        var referral = new Referral
        {
            DoctorUserId = doctorUserId,
            Status = ReferralStatus.Draft,
            CreatedAtUtc = nowUtc,
            UpdatedAtUtc = nowUtc,
        };
        referral.Apply(details);
        referral.KeepQueueOrder();
        return referral;
    }

    public void UpdateDraft(ReferralDetails details, string? questionnaireJson, DateTime nowUtc)
    {
        Require(ReferralStatus.Draft, "change");
        Apply(details);
        QuestionnaireJson = questionnaireJson;
        Touch(nowUtc);
    }

    /// <summary>
    /// Sends the draft: it passes through Submitted and lands, by the assessment, in the scheduling
    /// queue (eligible) or with a radiologist (needs review, ineligible).
    /// </summary>
    public void Submit(QuestionnaireAnswers answers, string questionnaireJson, EligibilityAssessment assessment, string findingsJson, DateTime nowUtc, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(assessment);
        Require(ReferralStatus.Draft, "submit");
        RequireComplete(CurrentDetails);

        SubmittedAtUtc = nowUtc;
        Status = ReferralStatus.Submitted;
        AddEvent(nowUtc, "Submitted", "Referral submitted.", actor);
        Assess(answers, questionnaireJson, assessment, findingsJson, nowUtc, stayInQueue: false);
    }

    /// <summary>
    /// The referring doctor may change a sent referral (newer labs, imaging, answers) until it is
    /// booked: while an IR physician reviews it, after they asked for more information, and while it
    /// waits in the scheduling queue.
    /// </summary>
    public bool CanBeUpdatedByDoctor => Status is ReferralStatus.InformationRequested
        or ReferralStatus.AwaitingReview or ReferralStatus.ReadyToSchedule;

    /// <summary>
    /// The doctor's updated referral, evaluated again with the criteria in force now. The earlier
    /// assessment stays on the timeline; this one is added after it. An earlier approval or override
    /// was given for other answers, so anything but "eligible" goes back to an IR physician; an
    /// eligible referral already in the scheduling queue keeps its place.
    /// </summary>
    public void Resubmit(ReferralDetails details, QuestionnaireAnswers answers, string questionnaireJson, EligibilityAssessment assessment, string findingsJson, DateTime nowUtc, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(assessment);
        if (!CanBeUpdatedByDoctor)
        {
            throw new DomainException($"A referral that is {Status} cannot be updated; only one awaiting review, asked for more information or waiting to be scheduled can.");
        }

        RequireComplete(details);
        var wasInQueue = Status == ReferralStatus.ReadyToSchedule;
        var kind = Status == ReferralStatus.InformationRequested ? "Resubmitted" : "Updated";
        Apply(details);
        AddEvent(nowUtc, kind, kind == "Resubmitted"
            ? "Referral updated with the information asked for and sent again."
            : "Referral updated by the referring doctor.", actor);
        Assess(answers, questionnaireJson, assessment, findingsJson, nowUtc, stayInQueue: wasInQueue);
    }

    /// <summary>An IR physician needs more from the referring doctor before deciding; the message says what.</summary>
    public void RequestInformation(string message, DateTime nowUtc, Actor actor)
    {
        Require(ReferralStatus.AwaitingReview, "ask for more information on");
        Decide(RequireText(message, "Asking for more information needs a message to the referring doctor."), nowUtc, actor);
        Status = ReferralStatus.InformationRequested;
        AddEvent(nowUtc, "InformationRequested", Sentence("More information requested", message), actor);
        Touch(nowUtc);
    }

    public bool CanBeReviewed => Status == ReferralStatus.AwaitingReview;

    /// <summary>An IR physician clears a "needs review" referral for scheduling.</summary>
    public void Approve(string? note, DateTime nowUtc, Actor actor)
    {
        Require(ReferralStatus.AwaitingReview, "approve");
        if (Outcome == EligibilityOutcome.Ineligible)
        {
            throw new DomainException("An ineligible referral can only be overridden with a justification, not approved.");
        }

        Decide(note, nowUtc, actor);
        EnterQueue(nowUtc);
        AddEvent(nowUtc, "Approved", Sentence("Approved for scheduling", note), actor);
        Touch(nowUtc);
    }

    /// <summary>An IR physician accepts a referral the rules found ineligible; the justification is required and kept.</summary>
    public void Override(string justification, DateTime nowUtc, Actor actor)
    {
        Require(ReferralStatus.AwaitingReview, "override");
        if (Outcome != EligibilityOutcome.Ineligible)
        {
            throw new DomainException("Only an ineligible outcome can be overridden.");
        }

        Decide(RequireText(justification, "An override needs a justification."), nowUtc, actor);
        EnterQueue(nowUtc);
        AddEvent(nowUtc, "Overridden", Sentence("Ineligible outcome overridden", justification), actor);
        Touch(nowUtc);
    }

    public void Decline(string reason, DateTime nowUtc, Actor actor)
    {
        Require(ReferralStatus.AwaitingReview, "decline");
        Decide(RequireText(reason, "Declining needs a reason."), nowUtc, actor);
        Status = ReferralStatus.Declined;
        AddEvent(nowUtc, "Declined", Sentence("Declined", reason), actor);
        Touch(nowUtc);
    }

    public bool CanBeWithdrawn => Status is ReferralStatus.Draft or ReferralStatus.Submitted
        or ReferralStatus.AwaitingReview or ReferralStatus.ReadyToSchedule or ReferralStatus.InformationRequested;

    /// <summary>The referring doctor takes back a referral that is not yet scheduled.</summary>
    public void Withdraw(string reason, DateTime nowUtc, Actor actor)
    {
        if (!CanBeWithdrawn)
        {
            throw new DomainException($"A referral that is {Status} cannot be withdrawn.");
        }

        Decide(RequireText(reason, "Withdrawing needs a reason."), nowUtc, actor);
        Status = ReferralStatus.Withdrawn;
        ReadyToScheduleSinceUtc = null;
        AddEvent(nowUtc, "Withdrawn", Sentence("Withdrawn by the referring doctor", reason), actor);
        Touch(nowUtc);
    }

    public bool CanBeScheduled => Status == ReferralStatus.ReadyToSchedule;

    /// <summary>Reports may still be added while the referral is open (a radiologist may ask for one).</summary>
    public bool CanAddAttachments => Status is ReferralStatus.Draft or ReferralStatus.AwaitingReview
        or ReferralStatus.ReadyToSchedule or ReferralStatus.Scheduled or ReferralStatus.InformationRequested;

    /// <summary>Once submitted, what the reviewer saw stays on the record.</summary>
    public bool CanRemoveAttachments => Status == ReferralStatus.Draft;

    /// <summary>A slot was booked; <paramref name="text"/> names the day and time in clinic time.</summary>
    public void MarkScheduled(string text, DateTime nowUtc, Actor actor)
    {
        Require(ReferralStatus.ReadyToSchedule, "schedule");
        Status = ReferralStatus.Scheduled;
        AddEvent(nowUtc, "Scheduled", text, actor);
        Touch(nowUtc);
    }

    /// <summary>The booking was cancelled or the patient did not come: the referral goes back to the scheduling queue.</summary>
    public void ReturnToQueue(string kind, string text, DateTime nowUtc, Actor? actor)
    {
        Require(ReferralStatus.Scheduled, "return to the scheduling queue");
        EnterQueue(nowUtc);
        AddEvent(nowUtc, kind, text, actor);
        Touch(nowUtc);
    }

    public void MarkCompleted(string text, DateTime nowUtc, Actor? actor)
    {
        Require(ReferralStatus.Scheduled, "complete");
        Status = ReferralStatus.Completed;
        AddEvent(nowUtc, "Completed", text, actor);
        Touch(nowUtc);
    }

    public bool CanBeCancelled => Status is ReferralStatus.ReadyToSchedule or ReferralStatus.Scheduled;

    /// <summary>The clinic closes the referral without a procedure (patient declined treatment, condition changed).</summary>
    public void Cancel(string reason, DateTime nowUtc, Actor actor)
    {
        if (!CanBeCancelled)
        {
            throw new DomainException($"A referral that is {Status} cannot be cancelled.");
        }

        Decide(RequireText(reason, "Cancelling needs a reason."), nowUtc, actor);
        Status = ReferralStatus.Cancelled;
        ReadyToScheduleSinceUtc = null;
        AddEvent(nowUtc, "Cancelled", Sentence("Referral cancelled", reason), actor);
        Touch(nowUtc);
    }

    /// <summary>
    /// The patient changes, on their appointment page, the mobile number texts go to or whether they
    /// want texts at all. Consent needs a number. Returns false when nothing changed.
    /// </summary>
    public bool ChangeTextSettings(string? mobile, bool consent, DateTime nowUtc)
    {
        if (consent && mobile is null)
        {
            throw new DomainException("Texts need a mobile number.");
        }

        if (mobile == PatientMobile && consent == TextConsent)
        {
            return false;
        }

        PatientMobile = mobile;
        TextConsent = consent;
        TextSettingsChangedAtUtc = nowUtc;
        AddEvent(nowUtc, "TextSettingsChanged", consent
            ? $"The patient asked for texts at {MobileNumbers.Display(mobile!)} on their appointment page."
            : "The patient turned texts off on their appointment page.", actor: null);
        Touch(nowUtc);
        return true;
    }

    /// <summary>
    /// The next session of a treatment course, planned by the clinic: a draft for the same referring
    /// doctor with the last referral's patient, practice and diagnosis, and its questionnaire without
    /// the labs and imaging, which must be done again after the last session before it can be sent.
    /// </summary>
    public static Referral PlanNextSession(Referral last, Guid patientId, Guid courseId, string questionnaireJson, DateTime nowUtc, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(last);
        var referral = CreateDraft(last.DoctorUserId, last.CurrentDetails, nowUtc);
        referral.QuestionnaireJson = questionnaireJson;
        referral.PatientId = patientId;
        referral.CourseId = courseId;
        referral.AddEvent(nowUtc, "SessionPlanned",
            $"Next session of the treatment course planned from referral {ReferenceOf(last.Id)}; labs and imaging must be repeated before it is sent.", actor);
        return referral;
    }

    /// <summary>Whether the patient record may still change: until the procedure, after which it is a session of that patient's course.</summary>
    public bool CanChangePatient => Status != ReferralStatus.Completed;

    /// <summary>Staff tie the referral to a patient record (a confirmed match or a new record); <paramref name="text"/> says which and why.</summary>
    public void LinkToPatient(Guid patientId, string text, DateTime nowUtc, Actor? actor)
    {
        if (!CanChangePatient && PatientId is not null)
        {
            throw new DomainException("The procedure of this referral is done; its patient record no longer changes.");
        }

        if (PatientId == patientId)
        {
            throw new DomainException("The referral already belongs to this patient record.");
        }

        PatientId = patientId;
        CourseId = null;
        AddEvent(nowUtc, "PatientLinked", text, actor);
        Touch(nowUtc);
    }

    /// <summary>A wrong link undone: the referral no longer belongs to the patient record (nor to its course).</summary>
    public void UnlinkPatient(string reason, DateTime nowUtc, Actor actor)
    {
        if (PatientId is null)
        {
            throw new DomainException("The referral is not linked to a patient record.");
        }

        if (!CanChangePatient)
        {
            throw new DomainException("The procedure of this referral is done; its patient record no longer changes.");
        }

        PatientId = null;
        CourseId = null;
        AddEvent(nowUtc, "PatientUnlinked", Sentence("Link to the patient record undone", RequireText(reason, "Undoing a link needs a reason.")), actor);
        Touch(nowUtc);
    }

    /// <summary>A timeline line for something that happened around the referral without changing its status (patient confirmed, rescheduled, reminder unanswered).</summary>
    public void Note(string kind, string text, DateTime nowUtc, Actor? actor)
    {
        AddEvent(nowUtc, kind, text, actor);
        Touch(nowUtc);
    }

    private void Apply(ReferralDetails d)
    {
        ArgumentNullException.ThrowIfNull(d);
        PatientFirstName = d.PatientFirstName.Trim();
        PatientLastName = d.PatientLastName.Trim();
        PatientDateOfBirth = d.PatientDateOfBirth;
        PatientSex = d.PatientSex;
        PatientPhone = (d.PatientPhone ?? string.Empty).Trim();
        PatientEmail = (d.PatientEmail ?? string.Empty).Trim();
        PreferredLanguage = (d.PreferredLanguage ?? string.Empty).Trim();
        InterpreterLanguage = PatientLanguages.NeedsInterpreter(PreferredLanguage) && !string.IsNullOrWhiteSpace(d.InterpreterLanguage)
            ? d.InterpreterLanguage.Trim()
            : null;
        PatientMobile = string.IsNullOrWhiteSpace(d.PatientMobile) ? null : d.PatientMobile.Trim();
        TextConsent = d.TextConsent && PatientMobile is not null;
        MedicalRecordNumber = string.IsNullOrWhiteSpace(d.MedicalRecordNumber) ? null : d.MedicalRecordNumber.Trim();
        PracticeName = (d.PracticeName ?? string.Empty).Trim();
        PracticeContact = (d.PracticeContact ?? string.Empty).Trim();
        Diagnosis = (d.Diagnosis ?? string.Empty).Trim();
        Icd10Code = (d.Icd10Code ?? string.Empty).Trim().ToUpperInvariant();
        Urgency = d.Urgency;
        ClinicalNotes = string.IsNullOrWhiteSpace(d.ClinicalNotes) ? null : d.ClinicalNotes.Trim();
    }

    private void Assess(QuestionnaireAnswers answers, string questionnaireJson, EligibilityAssessment assessment, string findingsJson, DateTime nowUtc, bool stayInQueue)
    {
        QuestionnaireJson = questionnaireJson;
        Outcome = assessment.Outcome;
        CriteriaVersion = assessment.CriteriaVersion;
        FindingsJson = findingsJson;
        OvernightBedLikely = assessment.OvernightBedLikely;
        PremedicationNeeded = assessment.PremedicationNeeded;
        LabsDrawnOn = answers.LabsDrawnOn;
        ImagingDoneOn = answers.ImagingDoneOn;

        if (assessment.Outcome != EligibilityOutcome.Eligible)
        {
            Status = ReferralStatus.AwaitingReview;
            ReadyToScheduleSinceUtc = null;
        }
        else if (!stayInQueue)
        {
            EnterQueue(nowUtc);
        }

        AddEvent(nowUtc, "Assessed", AssessmentText(assessment), actor: null);
        Touch(nowUtc);
    }

    /// <summary>
    /// The outcome with its reasons, written into the timeline line itself: a later assessment
    /// replaces the referral's current outcome, and this keeps each earlier one readable.
    /// </summary>
    private static string AssessmentText(EligibilityAssessment assessment)
    {
        var outcome = assessment.Outcome switch
        {
            EligibilityOutcome.Eligible => "Questionnaire outcome: eligible. Ready to schedule.",
            EligibilityOutcome.NeedsReview => "Questionnaire outcome: needs review by an IR physician.",
            _ => "Questionnaire outcome: ineligible. An IR physician will review it.",
        };
        var reasons = assessment.Findings.Where(f => f.Level != FindingLevel.Flag).Select(f => f.Reason).ToList();
        var text = $"{outcome} Criteria version {assessment.CriteriaVersion}.";
        return reasons.Count == 0 ? text : $"{text} Reasons: {string.Join("; ", reasons)}.";
    }

    private void EnterQueue(DateTime nowUtc)
    {
        Status = ReferralStatus.ReadyToSchedule;
        ReadyToScheduleSinceUtc = nowUtc;
    }

    private void Decide(string? reason, DateTime nowUtc, Actor actor)
    {
        DecisionReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        DecidedBy = actor.Name;
        DecidedAtUtc = nowUtc;
    }

    private ReferralDetails CurrentDetails => new(
        PatientFirstName, PatientLastName, PatientDateOfBirth, PatientSex, PatientPhone, PatientEmail, PreferredLanguage,
        MedicalRecordNumber, PracticeName, PracticeContact, Diagnosis, Icd10Code, Urgency, ClinicalNotes)
    {
        InterpreterLanguage = InterpreterLanguage,
        PatientMobile = PatientMobile,
        TextConsent = TextConsent,
    };

    private static void RequireComplete(ReferralDetails details)
    {
        if (!details.IsComplete)
        {
            throw new DomainException("A referral is sent only with the patient, practice and diagnosis details complete.");
        }
    }

    private void Require(ReferralStatus expected, string action)
    {
        if (Status != expected)
        {
            throw new DomainException($"Cannot {action} a referral that is {Status}; it must be {expected}.");
        }
    }

    /// <summary>Every change ends here, so the stored queue order follows the status and urgency it derives from.</summary>
    private void Touch(DateTime nowUtc)
    {
        UpdatedAtUtc = nowUtc;
        Version = Guid.NewGuid();
        KeepQueueOrder();
    }

    private void KeepQueueOrder()
    {
        QueueRank = Urgency == Referrals.Urgency.Urgent ? UrgentRank : RoutineRank;
        QueueSinceUtc = Status switch
        {
            ReferralStatus.AwaitingReview => SubmittedAtUtc ?? CreatedAtUtc,
            ReferralStatus.ReadyToSchedule => ReadyToScheduleSinceUtc ?? UpdatedAtUtc,
            _ => null,
        };
    }

    private void AddEvent(DateTime nowUtc, string kind, string text, Actor? actor) =>
        _events.Add(ReferralEvent.Create(Id, nowUtc, kind, text, actor));

    private static string RequireText(string? text, string message) =>
        string.IsNullOrWhiteSpace(text) ? throw new DomainException(message) : text.Trim();

    private static string Sentence(string what, string? why) =>
        string.IsNullOrWhiteSpace(why) ? what + "." : $"{what}: {why.Trim()}";

    /// <summary>
    /// The short reference staff and doctors quote on the phone, with no patient data in it: the
    /// random tail of the version-7 id (its head is a timestamp shared by neighbours).
    /// </summary>
    public static string ReferenceOf(Guid id) => "R-" + id.ToString("N")[^6..].ToUpperInvariant();

    private static string Initial(string name) =>
        string.IsNullOrWhiteSpace(name) ? string.Empty : char.ToUpperInvariant(name.Trim()[0]).ToString();
}
