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
/// The trail holds ids and field names only, so reading it shows no patient data.
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
        long? Before) : IQuery<Result<Page>>;

    public sealed record Row(
        long Id,
        DateTime OccurredAtUtc,
        string? UserName,
        string Action,
        string EntityType,
        string? EntityId,
        string? Details,
        string? ClientAddress);

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

    public sealed class Handler(IApplicationDbContext db, ClinicTime clinicTime) : IQueryHandler<Query, Result<Page>>
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
            return new Page(rows, found.Count > PageSize ? rows[^1].Id : null);
        }
    }
}
