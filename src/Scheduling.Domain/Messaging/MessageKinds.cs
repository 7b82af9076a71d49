namespace Scheduling.Domain.Messaging;

/// <summary>
/// Every kind of message the application sends (emails and texts), who receives it, by which channel,
/// and which placeholders its template may use. Admins can replace the text of any kind; the
/// placeholders are the contract between the templates and the code. Staff messages (doctors,
/// accounts) are English and carry their starting text here; everything a patient reads starts from
/// the patient text catalogue in each patient language (Application's PatientTexts), so this class
/// names no patient sentence.
/// </summary>
public static class MessageKinds
{
    public const string PatientBooked = nameof(PatientBooked);
    public const string PatientRescheduled = nameof(PatientRescheduled);

    /// <summary>
    /// The template of every reminder. Each reminder's outbox row has its own kind naming its offset
    /// ("PatientReminder72h", <see cref="PatientReminders.KindFor"/>); all of them use this text.
    /// </summary>
    public const string PatientReminder = nameof(PatientReminder);
    public const string PatientCancelled = nameof(PatientCancelled);

    /// <summary>Text message: the confirmation request sent with the booking.</summary>
    public const string PatientBookedText = nameof(PatientBookedText);

    /// <summary>Text message: "your appointment changed" (a new date to confirm).</summary>
    public const string PatientRescheduledText = nameof(PatientRescheduledText);

    /// <summary>
    /// Text message: the template of every reminder text. Each row's kind names its offset
    /// ("PatientReminder72hText", <see cref="PatientReminders.TextKindFor"/>).
    /// </summary>
    public const string PatientReminderText = nameof(PatientReminderText);

    /// <summary>Text message: "your appointment changed" (cancelled).</summary>
    public const string PatientCancelledText = nameof(PatientCancelledText);

    public const string DoctorBooked = nameof(DoctorBooked);
    public const string DoctorConfirmed = nameof(DoctorConfirmed);
    public const string DoctorRescheduled = nameof(DoctorRescheduled);
    public const string DoctorCancelled = nameof(DoctorCancelled);
    public const string DoctorCompleted = nameof(DoctorCompleted);
    public const string DoctorNoShow = nameof(DoctorNoShow);
    public const string AccountInvitation = nameof(AccountInvitation);
    public const string AccountPasswordReset = nameof(AccountPasswordReset);
    public const string AccessApproved = nameof(AccessApproved);
    public const string AccessDeclined = nameof(AccessDeclined);
    public const string DoctorInformationRequested = nameof(DoctorInformationRequested);
    public const string DoctorReviewApproved = nameof(DoctorReviewApproved);
    public const string DoctorReviewDeclined = nameof(DoctorReviewDeclined);
    public const string DoctorReviewOverridden = nameof(DoctorReviewOverridden);
    public const string DoctorFollowUpDue = nameof(DoctorFollowUpDue);
    public const string DoctorFollowUpOverdue = nameof(DoctorFollowUpOverdue);
    public const string DoctorResponseRecorded = nameof(DoctorResponseRecorded);
    public const string DoctorNextSessionPlanned = nameof(DoctorNextSessionPlanned);

    /// <summary>Not an email on its own: the checklist inserted into patient emails and the patient page.</summary>
    public const string PreparationChecklist = nameof(PreparationChecklist);

    /// <summary>Inserted only when the questionnaire recorded a moderate contrast reaction.</summary>
    public const string PremedicationInstructions = nameof(PremedicationInstructions);

    /// <summary>What happens during the procedure, in the practice's own words.</summary>
    public const string ProcedureDescription = nameof(ProcedureDescription);

    /// <summary>For patients whose referral says they are listed or being assessed for a liver transplant.</summary>
    public const string TransplantBridge = nameof(TransplantBridge);

    /// <summary>Going home afterwards, for most patients.</summary>
    public const string GoingHomeSameDay = nameof(GoingHomeSameDay);

    /// <summary>Sent instead of <see cref="GoingHomeSameDay"/> when the referral is flagged "overnight bed likely" (criterion 20).</summary>
    public const string GoingHomeOvernight = nameof(GoingHomeOvernight);

    public static readonly IReadOnlyList<string> PatientPlaceholders =
    [
        "PatientFirstName", "ProcedureDate", "ProcedureTime", "ArrivalTime", "Location", "ClinicName",
        "ClinicPhone", "ClinicAddress", "ConfirmationLink", "PreparationChecklist", "PremedicationInstructions",
        "RepeatTests", "ProcedureDescription", "GoingHome", "TransplantBridge",
    ];

    /// <summary>The patient placeholders, plus how long until the procedure ("in 3 days", "tomorrow").</summary>
    public static readonly IReadOnlyList<string> ReminderPlaceholders = [.. PatientPlaceholders, "TimeUntil"];

    /// <summary>
    /// A text message says nothing clinical: first name, date, time, place and the link. (A text is read
    /// on a lock screen, and often by someone else.)
    /// </summary>
    public static readonly IReadOnlyList<string> PatientTextPlaceholders =
    [
        "PatientFirstName", "ProcedureDate", "ProcedureTime", "ArrivalTime", "Location", "ClinicName", "ClinicPhone", "ConfirmationLink",
    ];

    /// <summary>A reminder's text: the text placeholders, plus how long until the procedure.</summary>
    public static readonly IReadOnlyList<string> TextReminderPlaceholders = [.. PatientTextPlaceholders, "TimeUntil"];

    public static readonly IReadOnlyList<string> DoctorPlaceholders =
    [
        "DoctorName", "PatientInitials", "ReferralReference", "ProcedureDate", "ProcedureTime", "Location",
        "ClinicName", "ClinicPhone", "ReferralLink", "Reason",
    ];

    public static readonly IReadOnlyList<string> AccountPlaceholders =
    [
        "FullName", "ClinicName", "ClinicPhone", "AccountLink", "LinkExpiresAt", "Reason",
    ];

    /// <summary>A review decision is about the referral, not a booking: no date, time or place.</summary>
    public static readonly IReadOnlyList<string> ReviewPlaceholders =
    [
        "DoctorName", "PatientInitials", "ReferralReference", "ClinicName", "ClinicPhone", "ReferralLink", "Reason",
    ];

    /// <summary>About a session of a treatment course: no diagnosis, no response category; the course page (behind sign-in) has them.</summary>
    public static readonly IReadOnlyList<string> CoursePlaceholders =
    [
        "DoctorName", "PatientInitials", "SessionNumber", "SessionDate", "ScanWindow", "ReferralReference",
        "ClinicName", "ClinicPhone", "CourseLink", "ReferralLink",
    ];

    public static readonly IReadOnlyList<MessageKindInfo> All =
    [
        Patient(PatientBooked, MessageChannel.Email),
        Patient(PatientRescheduled, MessageChannel.Email),
        Patient(PatientReminder, MessageChannel.Email, ReminderPlaceholders),
        Patient(PatientCancelled, MessageChannel.Email),
        Patient(PatientBookedText, MessageChannel.Sms),
        Patient(PatientRescheduledText, MessageChannel.Sms),
        Patient(PatientReminderText, MessageChannel.Sms, TextReminderPlaceholders),
        Patient(PatientCancelledText, MessageChannel.Sms),
        Doctor(DoctorBooked, "Referral {{ReferralReference}}: procedure booked",
            """
            Dear {{DoctorName}},

            The procedure for your patient {{PatientInitials}} (referral {{ReferralReference}}) is booked for {{ProcedureDate}} at {{ProcedureTime}}, {{Location}}.
            The patient has been asked to confirm.

            Referral: {{ReferralLink}}
            {{ClinicName}} · {{ClinicPhone}}
            """),
        Doctor(DoctorConfirmed, "Referral {{ReferralReference}}: patient confirmed",
            """
            Dear {{DoctorName}},

            Your patient {{PatientInitials}} (referral {{ReferralReference}}) confirmed the procedure on {{ProcedureDate}} at {{ProcedureTime}}.

            Referral: {{ReferralLink}}
            {{ClinicName}} · {{ClinicPhone}}
            """),
        Doctor(DoctorRescheduled, "Referral {{ReferralReference}}: procedure rescheduled",
            """
            Dear {{DoctorName}},

            The procedure for your patient {{PatientInitials}} (referral {{ReferralReference}}) has moved to {{ProcedureDate}} at {{ProcedureTime}}, {{Location}}.

            Referral: {{ReferralLink}}
            {{ClinicName}} · {{ClinicPhone}}
            """),
        Doctor(DoctorCancelled, "Referral {{ReferralReference}}: procedure cancelled",
            """
            Dear {{DoctorName}},

            The procedure for your patient {{PatientInitials}} (referral {{ReferralReference}}) on {{ProcedureDate}} is cancelled.
            Reason: {{Reason}}

            Referral: {{ReferralLink}}
            {{ClinicName}} · {{ClinicPhone}}
            """),
        Doctor(DoctorCompleted, "Referral {{ReferralReference}}: procedure completed",
            """
            Dear {{DoctorName}},

            The procedure for your patient {{PatientInitials}} (referral {{ReferralReference}}) was completed on {{ProcedureDate}}.

            Referral: {{ReferralLink}}
            {{ClinicName}} · {{ClinicPhone}}
            """),
        Doctor(DoctorNoShow, "Referral {{ReferralReference}}: patient did not attend",
            """
            Dear {{DoctorName}},

            Your patient {{PatientInitials}} (referral {{ReferralReference}}) did not attend the procedure on {{ProcedureDate}} at {{ProcedureTime}}.
            Our schedulers will contact the patient.

            Referral: {{ReferralLink}}
            {{ClinicName}} · {{ClinicPhone}}
            """),
        Account(AccountInvitation, "Your account at {{ClinicName}}",
            """
            Dear {{FullName}},

            An account has been created for you in the {{ClinicName}} scheduling system.
            Choose your password here: {{AccountLink}}
            The link works once and until {{LinkExpiresAt}}. If it has expired, ask the clinic for a new one.

            If you did not expect this email, you can ignore it.
            {{ClinicName}} · {{ClinicPhone}}
            """),
        Account(AccountPasswordReset, "Choose a new password for {{ClinicName}}",
            """
            Dear {{FullName}},

            Someone asked to reset the password of your account. To choose a new password, open: {{AccountLink}}
            The link works once and until {{LinkExpiresAt}}.

            If you did not ask for this, ignore this email: your password stays as it is.
            {{ClinicName}} · {{ClinicPhone}}
            """),
        Account(AccessApproved, "Your access request to {{ClinicName}} is approved",
            """
            Dear {{FullName}},

            Your request for access to the {{ClinicName}} referral system is approved.
            Choose your password here: {{AccountLink}}
            The link works once and until {{LinkExpiresAt}}.

            {{ClinicName}} · {{ClinicPhone}}
            """),
        Account(AccessDeclined, "Your access request to {{ClinicName}}",
            """
            Dear {{FullName}},

            We cannot give you access to the {{ClinicName}} referral system at this time.
            Reason: {{Reason}}

            To refer a patient, please call us at {{ClinicPhone}}.
            {{ClinicName}}
            """),
        Review(DoctorInformationRequested, "Referral {{ReferralReference}}: more information needed",
            """
            Dear {{DoctorName}},

            An IR physician reviewing the referral for your patient {{PatientInitials}} (referral {{ReferralReference}}) needs more information before deciding:

            {{Reason}}

            Please open the referral, update it and send it again: {{ReferralLink}}
            {{ClinicName}} · {{ClinicPhone}}
            """),
        Review(DoctorReviewApproved, "Referral {{ReferralReference}}: approved for scheduling",
            """
            Dear {{DoctorName}},

            The referral for your patient {{PatientInitials}} (referral {{ReferralReference}}) was approved by an IR physician and is waiting to be scheduled. You will hear from us when the procedure is booked.
            {{Reason}}

            Referral: {{ReferralLink}}
            {{ClinicName}} · {{ClinicPhone}}
            """),
        Review(DoctorReviewDeclined, "Referral {{ReferralReference}}: declined",
            """
            Dear {{DoctorName}},

            The referral for your patient {{PatientInitials}} (referral {{ReferralReference}}) was declined by an IR physician.
            Reason: {{Reason}}

            Referral: {{ReferralLink}}
            {{ClinicName}} · {{ClinicPhone}}
            """),
        Review(DoctorReviewOverridden, "Referral {{ReferralReference}}: accepted after review",
            """
            Dear {{DoctorName}},

            The questionnaire found the referral for your patient {{PatientInitials}} (referral {{ReferralReference}}) ineligible; an IR physician reviewed it and accepted it for scheduling.
            Justification: {{Reason}}

            Referral: {{ReferralLink}}
            {{ClinicName}} · {{ClinicPhone}}
            """),
        Course(DoctorFollowUpDue, "Follow-up scan due for your patient {{PatientInitials}}",
            """
            Dear {{DoctorName}},

            Your patient {{PatientInitials}} had chemoembolization session {{SessionNumber}} on {{SessionDate}}. The follow-up multiphase CT or dynamic MRI is now due, between {{ScanWindow}}.
            Please arrange it, and the liver labs at about the same time, or tell us where it was done.

            Treatment course: {{CourseLink}}
            {{ClinicName}} · {{ClinicPhone}}
            """),
        Course(DoctorFollowUpOverdue, "Follow-up scan overdue for your patient {{PatientInitials}}",
            """
            Dear {{DoctorName}},

            We have not received the follow-up scan of your patient {{PatientInitials}} after chemoembolization session {{SessionNumber}} on {{SessionDate}}; it was due between {{ScanWindow}}.
            Please arrange it, or tell us where it was done.

            Treatment course: {{CourseLink}}
            {{ClinicName}} · {{ClinicPhone}}
            """),
        Course(DoctorResponseRecorded, "A response assessment for your patient {{PatientInitials}} is ready",
            """
            Dear {{DoctorName}},

            An IR physician has read the follow-up scan of your patient {{PatientInitials}} after chemoembolization session {{SessionNumber}}. The assessment is on the treatment course page.

            Treatment course: {{CourseLink}}
            {{ClinicName}} · {{ClinicPhone}}
            """),
        Course(DoctorNextSessionPlanned, "Next session planned for your patient {{PatientInitials}}: please confirm",
            """
            Dear {{DoctorName}},

            We have planned chemoembolization session {{SessionNumber}} for your patient {{PatientInitials}} (referral {{ReferralReference}}), prefilled from the last referral.
            Please add the new labs and imaging and send the referral: {{ReferralLink}}

            Treatment course: {{CourseLink}}
            {{ClinicName}} · {{ClinicPhone}}
            """),
        Fragment(PreparationChecklist, "Preparation checklist"),
        Fragment(ProcedureDescription, "What happens during the procedure"),
        Fragment(TransplantBridge, "Bridge to a liver transplant"),
        Fragment(GoingHomeSameDay, "Going home the same day"),
        Fragment(GoingHomeOvernight, "Overnight stay likely"),
        Fragment(PremedicationInstructions, "Contrast premedication"),
    ];

    public static MessageKindInfo? Find(string kind) => All.FirstOrDefault(k => k.Kind == kind);

    /// <summary>The patient's kinds and the fragments in them: written in every patient language.</summary>
    public static bool IsPatientFacing(this MessageKindInfo info) =>
        info.Audience is MessageAudience.Patient or MessageAudience.Fragment;

    /// <summary>The channel of a message kind; an unknown kind (a test's own) is an email.</summary>
    public static MessageChannel ChannelOf(string kind) => ForMessage(kind)?.Channel ?? MessageChannel.Email;

    /// <summary>The template a message of this kind is written with; every reminder ("PatientReminder72h") finds <see cref="PatientReminder"/>, every reminder text ("PatientReminder72hText") <see cref="PatientReminderText"/>.</summary>
    public static MessageKindInfo? ForMessage(string kind) => Find(TemplateKind(kind));

    /// <summary>The template a message kind is written with: its own, or the one reminder template of its channel.</summary>
    public static string TemplateKind(string kind) =>
        PatientReminders.IsReminder(kind) ? PatientReminder
        : PatientReminders.IsTextReminder(kind) ? PatientReminderText
        : kind;

    private static MessageKindInfo Patient(string kind, MessageChannel channel, IReadOnlyList<string>? placeholders = null) =>
        new(kind, MessageAudience.Patient, string.Empty, placeholders ?? (channel == MessageChannel.Sms ? PatientTextPlaceholders : PatientPlaceholders), string.Empty)
        {
            Channel = channel,
        };

    private static MessageKindInfo Fragment(string kind, string title) =>
        new(kind, MessageAudience.Fragment, title, [], string.Empty);

    private static MessageKindInfo Account(string kind, string subject, string body) =>
        new(kind, MessageAudience.AccountHolder, subject, AccountPlaceholders, body);

    private static MessageKindInfo Review(string kind, string subject, string body) =>
        new(kind, MessageAudience.ReferringPhysician, subject, ReviewPlaceholders, body);

    private static MessageKindInfo Course(string kind, string subject, string body) =>
        new(kind, MessageAudience.ReferringPhysician, subject, CoursePlaceholders, body);

    private static MessageKindInfo Doctor(string kind, string subject, string body) =>
        new(kind, MessageAudience.ReferringPhysician, subject, DoctorPlaceholders, body);
}

public enum MessageAudience
{
    Patient,
    ReferringPhysician,

    /// <summary>A staff member or doctor about their own account (invitation, password reset, access request).</summary>
    AccountHolder,

    /// <summary>A text block inserted into other messages (no subject line is sent).</summary>
    Fragment,
}

/// <summary>How a message reaches its reader; both go through the one outbox.</summary>
public enum MessageChannel
{
    Email,
    Sms,
}

/// <param name="DefaultSubject">
/// Staff kinds: the built-in subject. Fragments: the title staff see. Patient kinds: empty (their
/// built-in texts are in the patient text catalogue, one per language).
/// </param>
/// <param name="DefaultBody">Staff kinds: the built-in text; empty for patient kinds and fragments.</param>
public sealed record MessageKindInfo(
    string Kind,
    MessageAudience Audience,
    string DefaultSubject,
    IReadOnlyList<string> Placeholders,
    string DefaultBody)
{
    public MessageChannel Channel { get; init; } = MessageChannel.Email;
}
