using Scheduling.Domain.Common;

namespace Scheduling.Domain.Accounts;

public enum AccessRequestStatus
{
    Pending,
    Approved,
    Declined,
}

/// <summary>
/// A referring doctor outside the practice asking for an account. It grants nothing: only an
/// admin's approval creates the account (and sends the invitation); a decline is emailed with its reason.
/// </summary>
public sealed class AccessRequest : Entity
{
    public const int FullNameMaxLength = 200;
    public const int PracticeMaxLength = 200;
    public const int EmailMaxLength = 256;
    public const int PhoneMaxLength = 40;
    public const int NoteMaxLength = 1000;
    public const int ReasonMaxLength = 1000;

    private AccessRequest()
    {
        FullName = string.Empty;
        Practice = string.Empty;
        Npi = string.Empty;
        Email = string.Empty;
        Phone = string.Empty;
    }

    public string FullName { get; private init; }

    public string Practice { get; private init; }

    public string Npi { get; private init; }

    public string Email { get; private init; }

    public string Phone { get; private init; }

    public string? Note { get; private init; }

    public DateTime CreatedAtUtc { get; private init; }

    public AccessRequestStatus Status { get; private set; }

    public DateTime? DecidedAtUtc { get; private set; }

    public string? DecidedByUserId { get; private set; }

    public string? DeclineReason { get; private set; }

    /// <summary>The account made on approval.</summary>
    public string? AccountUserId { get; private set; }

    public static AccessRequest Submit(string fullName, string practice, Npi npi, string email, string phone, string? note, DateTime nowUtc) => new()
    {
        FullName = fullName.Trim(),
        Practice = practice.Trim(),
        Npi = npi.Value,
        Email = email.Trim(),
        Phone = phone.Trim(),
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        CreatedAtUtc = nowUtc,
        Status = AccessRequestStatus.Pending,
    };

    public bool IsPending => Status == AccessRequestStatus.Pending;

    public void Approve(string accountUserId, string decidedByUserId, DateTime nowUtc)
    {
        EnsurePending();
        Status = AccessRequestStatus.Approved;
        AccountUserId = accountUserId;
        DecidedByUserId = decidedByUserId;
        DecidedAtUtc = nowUtc;
    }

    public void Decline(string reason, string decidedByUserId, DateTime nowUtc)
    {
        EnsurePending();
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException("A decline needs a reason.");
        }

        Status = AccessRequestStatus.Declined;
        DeclineReason = reason.Trim();
        DecidedByUserId = decidedByUserId;
        DecidedAtUtc = nowUtc;
    }

    private void EnsurePending()
    {
        if (!IsPending)
        {
            throw new DomainException("This request has already been decided.");
        }
    }
}
