using FluentValidation;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Domain.Audit;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Audit;

/// <summary>
/// The audit trail for administrators and auditors: newest first, filtered by record, user, action
/// and clinic-local dates, paged by id (keyset) so the page stays fast however long the trail grows.
/// The trail holds ids and field names only; the page reads it in words (<see cref="AuditWords"/>): who
/// by name, what was done, and which patient's booking or referral. Naming patients makes the page a
/// view of their records, so the referrals it names are recorded as viewed.
/// </summary>
public static class SearchAuditLog
{
    public const int PageSize = 100;

    public sealed record Query(
        string? EntityId,
        string? User,
        string? Action,
        DateOnly? From,
        DateOnly? To,
        long? Before) : IQuery<Result<Page>>, IAuditedQuery;

    public sealed record Row(
        long Id,
        DateTime OccurredAtUtc,
        string? UserName,
        string Action,
        string EntityType,
        string? EntityId,
        string? Details,
        string? ClientAddress)
    {
        /// <summary>Who, by name ("Sam Planner"); the sign-in name when the account has none; "the system" for background work.</summary>
        public string Who { get; init; } = UserName ?? "the system";

        /// <summary>What was done, in words ("confirmed (the patient, from their link)").</summary>
        public string What { get; init; } = AuditWords.Action(Action);

        /// <summary>Which record, in words ("booking for Ann Lee", "room's weekly template").</summary>
        public string Which { get; init; } = AuditWords.Thing(EntityType);

        /// <summary>The details in words ("changed: status, confirmed at").</summary>
        public string? DetailsText { get; init; } = AuditWords.Details(Details);
    }

    /// <param name="NextBefore">Id to pass as <c>Before</c> for the next (older) page; null on the last page.</param>
    public sealed record Page(IReadOnlyList<Row> Rows, long? NextBefore);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator()
        {
            RuleFor(q => q.EntityId).MaximumLength(AuditEntry.EntityIdMaxLength)
                .WithMessage($"A record id has at most {AuditEntry.EntityIdMaxLength} characters.");
            RuleFor(q => q.User).MaximumLength(AuditEntry.UserMaxLength)
                .WithMessage($"A user name has at most {AuditEntry.UserMaxLength} characters.");
            RuleFor(q => q.Action).MaximumLength(AuditEntry.ActionMaxLength)
                .WithMessage($"An action has at most {AuditEntry.ActionMaxLength} characters.");
            RuleFor(q => q.To)
                .Must((q, to) => q.From is null || to is null || to >= q.From)
                .WithMessage("The last day must be on or after the first day.");
        }
    }

    public sealed class Handler(IApplicationDbContext db, ClinicTime clinicTime, IUserDirectory directory, IAuditLog auditLog) : IQueryHandler<Query, Result<Page>>
    {
        public async ValueTask<Result<Page>> Handle(Query query, CancellationToken cancellationToken)
        {
            var entries = db.AuditEntries.AsNoTracking();
            if (!string.IsNullOrWhiteSpace(query.EntityId))
            {
                var entityId = query.EntityId.Trim();
                // A page that showed several records (a calendar week, a list) names them on its own rows.
                entries = entries.Where(e => e.EntityId == entityId || (e.RecordSet != null && e.RecordSet.Records.Any(r => r.EntityId == entityId)));
            }
            if (!string.IsNullOrWhiteSpace(query.User))
            {
                var user = query.User.Trim();
                entries = entries.Where(e => e.UserName == user);
            }
            if (!string.IsNullOrWhiteSpace(query.Action))
            {
                var action = query.Action.Trim();
                entries = entries.Where(e => e.Action == action);
            }
            if (query.From is { } from)
            {
                var fromUtc = clinicTime.ToUtcNotLaterThan(from, TimeOnly.MinValue);
                entries = entries.Where(e => e.OccurredAtUtc >= fromUtc);
            }
            if (query.To is { } to)
            {
                var endUtc = clinicTime.ToUtcNotLaterThan(to.AddDays(1), TimeOnly.MinValue);
                entries = entries.Where(e => e.OccurredAtUtc < endUtc);
            }
            if (query.Before is { } before)
            {
                entries = entries.Where(e => e.Id < before);
            }

            var found = await entries
                .OrderByDescending(e => e.Id)
                .Take(PageSize + 1)
                .Select(e => new { e.Id, e.OccurredAtUtc, e.UserName, e.Action, e.EntityType, e.EntityId, e.Details, e.ClientAddress, Shown = e.RecordSet != null ? e.RecordSet.Count : 0 })
                .ToListAsync(cancellationToken);

            var rows = found.Take(PageSize)
                .Select(e => new Row(
                    e.Id,
                    e.OccurredAtUtc,
                    e.UserName,
                    e.Action,
                    e.EntityType,
                    e.EntityId ?? (e.Shown > 0 ? $"{e.Shown} records" : null),
                    e.Details,
                    e.ClientAddress))
                .ToList();
            rows = await InWordsAsync(rows, cancellationToken);
            return new Page(rows, found.Count > PageSize ? rows[^1].Id : null);
        }

        /// <summary>Names the page's people and patients: one look-up per person, one query each for the referrals and bookings it shows.</summary>
        private async Task<List<Row>> InWordsAsync(List<Row> rows, CancellationToken cancellationToken)
        {
            static Guid? IdOf(Row row, string type) => row.EntityType == type && Guid.TryParse(row.EntityId, out var id) ? id : null;
            var referralIds = rows.Select(r => IdOf(r, "Referral")).OfType<Guid>().Distinct().ToList();
            var bookingIds = rows.Select(r => IdOf(r, "Booking")).OfType<Guid>().Distinct().ToList();
            var referrals = referralIds.Count == 0 ? [] : await db.Referrals.AsNoTracking()
                .Where(r => referralIds.Contains(r.Id))
                .Select(r => new { r.Id, Name = r.PatientFirstName + " " + r.PatientLastName })
                .ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
            var bookings = bookingIds.Count == 0 ? [] : await (
                    from b in db.Bookings.AsNoTracking()
                    where bookingIds.Contains(b.Id)
                    join r in db.Referrals on b.ReferralId equals r.Id
                    select new { b.Id, r.PatientFirstName, r.PatientLastName, ReferralId = r.Id })
                .ToListAsync(cancellationToken);

            var people = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var userName in rows.Select(r => r.UserName).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                people[userName] = await directory.DisplayNameOfAsync(userName, cancellationToken);
            }

            var named = rows.Select(row =>
            {
                var thing = AuditWords.Thing(row.EntityType);
                var patient = IdOf(row, "Referral") is { } referralId && referrals.TryGetValue(referralId, out var onReferral) ? onReferral
                    : IdOf(row, "Booking") is { } bookingId && bookings.FirstOrDefault(b => b.Id == bookingId) is { } booking ? $"{booking.PatientFirstName} {booking.PatientLastName}"
                    : null;
                return row with
                {
                    Who = row.UserName is { } userName ? people[userName] : "the system",
                    Which = patient is null ? thing : $"{thing} for {patient}",
                };
            }).ToList();

            var patientsShown = referrals.Keys.Concat(bookings.Select(b => b.ReferralId)).Distinct().ToList();
            if (patientsShown.Count > 0)
            {
                auditLog.RecordListView("AuditLog", "Referral", patientsShown, $"Audit log page naming {patientsShown.Count} patients");
            }

            return named;
        }
    }
}
