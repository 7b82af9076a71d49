using System.Text;

namespace Scheduling.Application.Features.Audit;

/// <summary>
/// The audit trail read as words: what was done ("confirmed a booking", "changed: status, confirmed at")
/// instead of the action and property names the trail stores. The trail itself keeps its names, so
/// filtering by action and matching against logs work as before; only what a person reads changes.
/// Actions without a sentence of their own are spelt out from their name ("TwoFactorEnabled" becomes
/// "two-factor enabled"), so a new action reads sensibly before anyone writes its sentence.
/// </summary>
public static class AuditWords
{
    private static readonly Dictionary<string, string> Sentences = new(StringComparer.Ordinal)
    {
        ["Created"] = "created",
        ["Updated"] = "changed",
        ["Deleted"] = "deleted",
        ["Viewed"] = "viewed",
        ["Downloaded"] = "downloaded",
        ["SignedIn"] = "signed in",
        ["SignedOut"] = "signed out",
        ["SignInFailed"] = "typed a wrong password",
        ["SignInPasswordAccepted"] = "gave the right password (code next)",
        ["SignInPaused"] = "was paused after too many wrong passwords",
        ["SignInLockedOut"] = "was locked out after wrong codes",
        ["PasswordChanged"] = "changed their password",
        ["PasswordResetRequested"] = "asked for a password link",
        ["PasswordResetLinkQueued"] = "was sent a password link",
        ["PasswordResetNotSent"] = "was not sent a password link",
        ["AccountInvited"] = "invited a person",
        ["AccountDeactivated"] = "deactivated an account",
        ["AccountReactivated"] = "reactivated an account",
        ["AccountRolesChanged"] = "changed an account's roles",
        ["AccountUnlocked"] = "unlocked an account",
        ["AccessRequestApproved"] = "approved a request for access",
        ["AccessRequestDeclined"] = "declined a request for access",
        ["TwoFactorReset"] = "reset a person's two-factor",
        ["RecoveryAdminLinkIssued"] = "issued an administrator recovery link",
        ["SessionEnded"] = "ended a session",
        ["SettingsChanged"] = "changed the clinic's settings",
        ["MessageTemplateSaved"] = "saved a message template",
        ["MessageTemplateReset"] = "reset a message template",
        ["EmailRetried"] = "sent an email again",
        ["LeadTimeOverridden"] = "booked inside the lead time",
        ["PatientCallLogged"] = "noted a call with the patient",
        ["ConfirmedByPatient"] = "confirmed (the patient, from their link)",
        ["CancelledByPatient"] = "cancelled (the patient, from their link)",
        ["RescheduleRequestedByPatient"] = "asked for another date (the patient, from their link)",
        ["PatientLinked"] = "linked a referral to a patient's record",
        ["PatientUnlinked"] = "unlinked a referral from a patient's record",
        ["TextOptOutRecorded"] = "recorded that texts are not wanted",
        ["TextReplyReceived"] = "received a text reply",
        ["TextSettingsChangedByPatient"] = "changed text settings (the patient)",
        ["TextUndelivered"] = "could not deliver a text",
        ["TextsStopped"] = "stopped texts",
        ["TextsRestarted"] = "restarted texts",
    };

    private static readonly Dictionary<string, string> Things = new(StringComparer.Ordinal)
    {
        ["OutboxMessage"] = "message",
        ["RoomDayTemplate"] = "room's weekly template",
        ["StoredSettings"] = "clinic settings",
        ["Unavailability"] = "time away",
        ["CapacityHold"] = "hold",
        ["ApplicationUser"] = "account",
        ["User"] = "account",
    };

    /// <summary>What was done, in words.</summary>
    public static string Action(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return Sentences.TryGetValue(action, out var sentence) ? sentence : Spelt(action);
    }

    /// <summary>What kind of record, in words ("booking", "time away").</summary>
    public static string Thing(string entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        return Things.TryGetValue(entityType, out var thing) ? thing : Spelt(entityType);
    }

    /// <summary>
    /// Details as words: "Changed: Status, ConfirmedAtUtc" becomes "changed: status, confirmed at". Other
    /// details are sentences already and stay as written.
    /// </summary>
    public static string? Details(string? details)
    {
        const string Changed = "Changed: ";
        if (details is null || !details.StartsWith(Changed, StringComparison.Ordinal))
        {
            return details;
        }

        var fields = details[Changed.Length..].Split(", ", StringSplitOptions.RemoveEmptyEntries).Select(Field);
        return "changed: " + string.Join(", ", fields.Distinct(StringComparer.Ordinal));
    }

    /// <summary>A property name as words: "ConfirmedAtUtc" becomes "confirmed at", "RoomId" becomes "room".</summary>
    private static string Field(string name)
    {
        foreach (var suffix in new[] { "Utc", "Id" })
        {
            if (name.Length > suffix.Length && name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name = name[..^suffix.Length];
            }
        }

        return Spelt(name);
    }

    /// <summary>"TwoFactorEnabled" as "two-factor enabled"; "SmsMessage" as "sms message".</summary>
    private static string Spelt(string name)
    {
        var words = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString().Replace("two factor", "two-factor", StringComparison.Ordinal);
    }
}
