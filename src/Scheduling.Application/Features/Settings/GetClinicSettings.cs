using Mediator;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Common.Settings;
using Scheduling.Domain.Common;

namespace Scheduling.Application.Features.Settings;

/// <summary>The clinic settings page: every setting with its current value, and who changed each group last.</summary>
public static class GetClinicSettings
{
    public sealed record Query : IQuery<Result<View>>;

    public sealed record View(IReadOnlyList<GroupView> Groups);

    public sealed record GroupView(string Section, string Title, string? Description, IReadOnlyList<FieldView> Fields, string? LastChangedBy, DateTime? LastChangedAt);

    /// <param name="Value">What the form shows now: the clinic's saved value, or the configuration's.</param>
    /// <param name="Default">The configuration's value, shown as the hint of what "first value" was.</param>
    public sealed record FieldView(string Key, string Label, string? Hint, SettingKind Kind, int MaxLength, string Value, string Default);

    public sealed class Handler(ICurrentUser user, IClinicSettings settings, ClinicTime clinicTime) : IQueryHandler<Query, Result<View>>
    {
        public ValueTask<Result<View>> Handle(Query query, CancellationToken cancellationToken)
        {
            if (!user.IsInRole(Roles.Admin))
            {
                return ValueTask.FromResult<Result<View>>(Error.NotFound());
            }

            var groups = settings.Groups.Select(group =>
            {
                var current = settings.CopyOfCurrent(group);
                var defaults = settings.CopyOfDefaults(group);
                var last = settings.LastChange(group.Section);
                return new GroupView(
                    group.Section,
                    group.Title,
                    group.Description,
                    group.Fields.Select(f => new FieldView(f.Key, f.Label, f.Hint, f.Kind, f.MaxLength, SettingField.Format(f.Get(current)), SettingField.Format(f.Get(defaults)))).ToList(),
                    last?.By,
                    last is { } change ? clinicTime.ToLocal(change.AtUtc) : null);
            }).ToList();
            return ValueTask.FromResult<Result<View>>(new View(groups));
        }
    }
}
