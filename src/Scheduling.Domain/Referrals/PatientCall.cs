using Scheduling.Domain.Common;

namespace Scheduling.Domain.Referrals;

/// <summary>How a phone call to the patient went.</summary>
public enum CallOutcome
{
    Reached,
    LeftMessage,
    NoAnswer,
    WrongNumber,
}

/// <summary>
/// A call to the patient noted on the referral's timeline (who called, when, how it went, a note):
/// schedulers chase unconfirmed patients and reschedule requests by phone, and the next person who
/// picks up the file must see what was tried.
/// </summary>
public static class PatientCall
{
    /// <summary>The timeline entry kind of a logged call.</summary>
    public const string Kind = "CallLogged";

    public const int NoteMaxLength = 500;

    public static string Describe(CallOutcome outcome) => outcome switch
    {
        CallOutcome.Reached => "Reached the patient",
        CallOutcome.LeftMessage => "Left a message",
        CallOutcome.NoAnswer => "No answer",
        CallOutcome.WrongNumber => "Wrong number",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    /// <summary>Adds the call to the referral's timeline; the actor is the person who called.</summary>
    /// <param name="about">What the call was for, when it was one of a series ("Day-1 call after session 2").</param>
    public static void Log(Referral referral, CallOutcome outcome, string? note, DateTime nowUtc, Actor actor, string? about = null)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var text = $"{about ?? "Phone call"}: {Describe(outcome)}." + (string.IsNullOrWhiteSpace(note) ? string.Empty : $" Note: {note.Trim()}");
        referral.Note(Kind, text, nowUtc, actor);
    }
}
