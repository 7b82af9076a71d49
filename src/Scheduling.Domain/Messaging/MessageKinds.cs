namespace Scheduling.Domain.Messaging;

/// <summary>
/// Every kind of email the application sends, who receives it, which placeholders its template may
/// use, and the clinic's starting text (from the TACE patient instructions). Admins can replace the
/// text of any kind; the placeholders are the contract between the templates and the code.
/// </summary>
public static class MessageKinds
{
    public const string PatientBooked = nameof(PatientBooked);
    public const string PatientRescheduled = nameof(PatientRescheduled);
    public const string PatientReminder72h = nameof(PatientReminder72h);
    public const string PatientReminder24h = nameof(PatientReminder24h);
    public const string PatientCancelled = nameof(PatientCancelled);
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

    /// <summary>Going home afterwards, for most patients.</summary>
    public const string GoingHomeSameDay = nameof(GoingHomeSameDay);

    /// <summary>Sent instead of <see cref="GoingHomeSameDay"/> when the referral is flagged "overnight bed likely" (criterion 20).</summary>
    public const string GoingHomeOvernight = nameof(GoingHomeOvernight);

    public static readonly IReadOnlyList<string> PatientPlaceholders =
    [
        "PatientFirstName", "ProcedureDate", "ProcedureTime", "ArrivalTime", "Location", "ClinicName",
        "ClinicPhone", "ClinicAddress", "ConfirmationLink", "PreparationChecklist", "PremedicationInstructions",
        "RepeatTests", "ProcedureDescription", "GoingHome",
    ];

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
        Patient(PatientBooked, "Your procedure appointment: please confirm",
            """
            Dear {{PatientFirstName}},

            Your chemoembolization procedure is booked for {{ProcedureDate}} at {{ProcedureTime}}.
            Please arrive at {{ArrivalTime}} (2 hours before) at {{Location}}.

            Please confirm that you can come: {{ConfirmationLink}}
            The same page lets you ask for another date or cancel.

            What happens:
            {{ProcedureDescription}}

            Going home:
            {{GoingHome}}

            How to prepare:
            {{PreparationChecklist}}
            {{PremedicationInstructions}}
            {{RepeatTests}}

            Questions? Call us at {{ClinicPhone}}.
            {{ClinicName}}, {{ClinicAddress}}
            """),
        Patient(PatientRescheduled, "Your procedure has a new date: please confirm",
            """
            Dear {{PatientFirstName}},

            Your chemoembolization procedure has moved to {{ProcedureDate}} at {{ProcedureTime}}.
            Please arrive at {{ArrivalTime}} (2 hours before) at {{Location}}. Earlier links no longer work.

            Please confirm the new date: {{ConfirmationLink}}

            What happens:
            {{ProcedureDescription}}

            Going home:
            {{GoingHome}}

            How to prepare:
            {{PreparationChecklist}}
            {{PremedicationInstructions}}
            {{RepeatTests}}

            Questions? Call us at {{ClinicPhone}}.
            {{ClinicName}}, {{ClinicAddress}}
            """),
        Patient(PatientReminder72h, "Reminder: your procedure on {{ProcedureDate}}",
            """
            Dear {{PatientFirstName}},

            This is a reminder of your procedure on {{ProcedureDate}} at {{ProcedureTime}}.
            Please arrive at {{ArrivalTime}} at {{Location}}.

            Your appointment page: {{ConfirmationLink}}

            Going home:
            {{GoingHome}}

            How to prepare:
            {{PreparationChecklist}}
            {{PremedicationInstructions}}

            Questions? Call us at {{ClinicPhone}}.
            """),
        Patient(PatientReminder24h, "Tomorrow: your procedure at {{ProcedureTime}}",
            """
            Dear {{PatientFirstName}},

            Your procedure is tomorrow, {{ProcedureDate}}, at {{ProcedureTime}}.
            Please arrive at {{ArrivalTime}} at {{Location}}. Nothing to eat after midnight; clear liquids until 2 hours before you arrive.
            Remember that a responsible adult must drive you home.

            Your appointment page: {{ConfirmationLink}}

            Questions? Call us at {{ClinicPhone}}.
            """),
        Patient(PatientCancelled, "Your procedure appointment is cancelled",
            """
            Dear {{PatientFirstName}},

            Your procedure appointment on {{ProcedureDate}} at {{ProcedureTime}} is cancelled.
            We will contact you about next steps. Questions? Call us at {{ClinicPhone}}.

            {{ClinicName}}
            """),
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
        new(PreparationChecklist, MessageAudience.Fragment, "Preparation checklist", [],
            """
            - Arrive 2 hours before the procedure time (IV line, and blood tests on the day if needed).
            - Nothing to eat after midnight; clear liquids until 2 hours before you arrive.
            - A responsible adult must drive you home. Do not drive for 24 hours; do not lift more than 10 lb for 3 days.
            - The procedure takes about 90 minutes; afterwards you are observed for about 4 hours.
            - Take blood thinners and diabetes medicines only as the team directs. Bring a list of all your medicines.
            - After you go home, check your temperature twice a day for 5 days; call us if it is above 101.5 °F for more than a day.
            """),
        new(ProcedureDescription, MessageAudience.Fragment, "What happens during the procedure", [],
            """
            A thin tube (catheter) is guided by X-ray imaging through your blood vessels into the arteries of the liver that feed the tumour. You get medicine to help you relax, and a local anaesthetic where the catheter goes in, so you stay comfortable. The treatment is given through the catheter. It usually takes about 90 minutes. At the end, more X-ray pictures confirm that the whole tumour was treated.
            """),
        new(GoingHomeSameDay, MessageAudience.Fragment, "Going home the same day", [],
            """
            Most patients go home the same day, after about 4 hours of observation. A responsible adult must drive you home and should stay with you that evening.
            """),
        new(GoingHomeOvernight, MessageAudience.Fragment, "Overnight stay likely", [],
            """
            You may stay one night in the hospital for observation after the procedure. Please bring what you need for a night (medicines, glasses, phone charger, toiletries). A responsible adult must drive you home when you leave.
            """),
        new(PremedicationInstructions, MessageAudience.Fragment, "Contrast premedication", [],
            """
            Because you had a reaction to X-ray contrast before, you need medicine beforehand: the team will call you with the premedication schedule. Do not skip it.
            """),
    ];

    public static MessageKindInfo? Find(string kind) => All.FirstOrDefault(k => k.Kind == kind);

    private static MessageKindInfo Patient(string kind, string subject, string body) =>
        new(kind, MessageAudience.Patient, subject, PatientPlaceholders, body);

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

public sealed record MessageKindInfo(
    string Kind,
    MessageAudience Audience,
    string DefaultSubject,
    IReadOnlyList<string> Placeholders,
    string DefaultBody);
