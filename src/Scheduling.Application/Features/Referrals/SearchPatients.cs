using System.Text.RegularExpressions;

using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Common;
using Scheduling.Domain.Referrals;

namespace Scheduling.Application.Features.Referrals;

/// <summary>
/// "Mrs X, born …, when is my appointment?": staff find a patient's referrals and bookings by name
/// (first or last, partial, any case), date of birth, MRN or referral reference. The search terms
/// are posted, never put in a URL, a log or the audit line; the audit line names the referrals shown.
/// </summary>
public static partial class SearchPatients
{
    public const int MaxResults = 50;
    public const int MaxNameLength = 100;

    public sealed record Query(string? Name, DateOnly? DateOfBirth, string? Identifier) : IQuery<Result<IReadOnlyList<Match>>>;

    public sealed record Match(
        Guid ReferralId,
        string Reference,
        string PatientName,
        DateOnly DateOfBirth,
        string? MedicalRecordNumber,
        string Phone,
        ReferralStatus Status,
        string PracticeName,
        IReadOnlyList<BookingLine> Bookings);

    /// <param name="LocalStart">Clinic time.</param>
    public sealed record BookingLine(Guid BookingId, BookingStatus Status, DateTime LocalStart, string RoomName);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.Name).MaximumLength(MaxNameLength).WithMessage($"A name can be at most {MaxNameLength} characters.");
            RuleFor(q => q.Identifier).MaximumLength(Referral.MedicalRecordNumberMaxLength)
                .WithMessage($"An MRN or reference can be at most {Referral.MedicalRecordNumberMaxLength} characters.");
            RuleFor(q => q.Name)
                .Must((q, _) => !string.IsNullOrWhiteSpace(q.Name) || q.DateOfBirth is not null || !string.IsNullOrWhiteSpace(q.Identifier))
                .WithMessage("Enter a name, a date of birth, or an MRN or referral reference.");
            RuleFor(q => q.Name)
                .Must(n => n is null || n.Trim().Length == 0 || n.Trim().Length >= 2)
                .WithMessage("Enter at least two letters of the name.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, ICurrentUser user, IAuditLog auditLog, ClinicTime clinicTime)
        : IQueryHandler<Query, Result<IReadOnlyList<Match>>>
    {
        public async ValueTask<Result<IReadOnlyList<Match>>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!ReferralAccess.IsStaff(user))
            {
                return Error.NotFound();
            }

            // Drafts are the doctor's own work in progress; the clinic sees a referral once it is sent.
            var referrals = db.Referrals.AsNoTracking().Where(r => r.Status != ReferralStatus.Draft);
            foreach (var term in NameTerms(query.Name))
            {
                referrals = referrals.Where(r => r.PatientLastName.ToLower().Contains(term) || r.PatientFirstName.ToLower().Contains(term));
            }

            if (query.DateOfBirth is { } born)
            {
                referrals = referrals.Where(r => r.PatientDateOfBirth == born);
            }

            if (query.Identifier?.Trim() is { Length: > 0 } identifier)
            {
                if (ReferenceSuffix(identifier) is { } suffix)
                {
                    // The reference is the end of the id; ids are read (not names) to match it on every provider.
                    var ids = (await referrals.Select(r => r.Id).ToListAsync(cancellationToken))
                        .Where(id => ReferralReference.For(id).EndsWith(suffix, StringComparison.Ordinal))
                        .ToList();
                    referrals = referrals.Where(r => ids.Contains(r.Id));
                }
                else
                {
                    var mrn = identifier.ToLowerInvariant();
                    referrals = referrals.Where(r => r.MedicalRecordNumber != null && r.MedicalRecordNumber.ToLower() == mrn);
                }
            }

            var found = await referrals
                .OrderBy(r => r.PatientLastName).ThenBy(r => r.PatientFirstName).ThenByDescending(r => r.CreatedAtUtc)
                .Take(MaxResults)
                .Select(r => new
                {
                    r.Id,
                    r.PatientFirstName,
                    r.PatientLastName,
                    r.PatientDateOfBirth,
                    r.MedicalRecordNumber,
                    r.PatientPhone,
                    r.Status,
                    r.PracticeName,
                })
                .ToListAsync(cancellationToken);
            var foundIds = found.Select(f => f.Id).ToList();
            var bookings = await (
                    from b in db.Bookings.AsNoTracking()
                    where foundIds.Contains(b.ReferralId)
                    join s in db.Slots on b.SlotId equals s.Id
                    join room in db.Rooms on s.RoomId equals room.Id
                    orderby s.StartUtc descending
                    select new { b.Id, b.ReferralId, b.Status, s.StartUtc, Room = room.Name })
                .ToListAsync(cancellationToken);

            var matches = found.Select(f => new Match(
                    f.Id,
                    ReferralReference.For(f.Id),
                    $"{f.PatientLastName}, {f.PatientFirstName}",
                    f.PatientDateOfBirth,
                    f.MedicalRecordNumber,
                    f.PatientPhone,
                    f.Status,
                    f.PracticeName,
                    bookings.Where(b => b.ReferralId == f.Id)
                        .Select(b => new BookingLine(b.Id, b.Status, clinicTime.ToLocal(b.StartUtc), b.Room))
                        .ToList()))
                .ToList();

            auditLog.Record("Viewed", "PatientSearch", null,
                $"{matches.Count} referrals" + (matches.Count == 0 ? "" : ": " + string.Join(",", matches.Select(m => m.ReferralId.ToString("N")))));
            await db.SaveChangesAsync(cancellationToken);
            return matches;
        }
    }

    /// <summary>"Garcia, Maria" or "maria garcia": every word must be in the first or the last name.</summary>
    private static IEnumerable<string> NameTerms(string? name) =>
        (name ?? string.Empty).ToLowerInvariant()
            .Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct()
            .Take(4);

    /// <summary>"R-7F3A2C" (any case, with or without the dash) as the reference it names; null when it is not one.</summary>
    private static string? ReferenceSuffix(string text)
    {
        var match = ReferencePattern().Match(text.Trim());
        return match.Success ? "R-" + match.Groups[1].Value.ToUpperInvariant() : null;
    }

    [GeneratedRegex("^[Rr]-?([0-9A-Fa-f]{6})$")]
    private static partial Regex ReferencePattern();
}
