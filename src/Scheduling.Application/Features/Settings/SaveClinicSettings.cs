using System.Text.Json;

using Mediator;

using Microsoft.EntityFrameworkCore;

using Scheduling.Application.Common.Abstractions;
using Scheduling.Application.Common.Results;
using Scheduling.Application.Common.Security;
using Scheduling.Application.Common.Settings;
using Scheduling.Application.Features.Messaging;
using Scheduling.Domain.Bookings;
using Scheduling.Domain.Messaging;
using Scheduling.Domain.Settings;

namespace Scheduling.Application.Features.Settings;

/// <summary>
/// An admin saves the settings page. Every value is read as typed (a number, a list), then each
/// settings class is checked with its own rules (the start-up check's), and a refusal names the field.
/// What changed is stored (only the changed values: the rest keep following configuration), with who
/// and when, one audit line per group in words ("Phone: 555-0100 → 555-0199"), and it applies from the
/// next request or job on every instance. Changed reminder times re-plan the reminders waiting to go.
/// </summary>
public static class SaveClinicSettings
{
    public const string ChangedMeanwhileMessage = "Someone else saved the settings a moment ago; reload the page to see their change, then make yours again.";

    /// <param name="Values">What the form posted, by setting key ("Clinic:Phone"); a key left out keeps its value.</param>
    public sealed record Command(IReadOnlyDictionary<string, string?> Values) : ICommand<Result<Saved>>;

    public sealed record Saved(IReadOnlyList<string> Changed, int RemindersReplanned);

    public sealed class Handler(
        IApplicationDbContext db,
        ICurrentUser user,
        IUserDirectory directory,
        IClinicSettings settings,
        IAuditLog audit,
        IOutbox outbox,
        IDatabaseErrors databaseErrors,
        TextingPolicy texting,
        TimeProvider clock) : ICommandHandler<Command, Result<Saved>>
    {
        public async ValueTask<Result<Saved>> Handle(Command command, CancellationToken cancellationToken)
        {
            if (!user.IsInRole(Roles.Admin))
            {
                return Error.NotFound();
            }

            var errors = new Dictionary<string, string[]>();
            var changes = new List<(SettingsGroup Group, object Candidate, IReadOnlyList<SettingField> Fields, object Before)>();
            foreach (var group in settings.Groups)
            {
                var before = settings.CopyOfCurrent(group);
                var candidate = settings.CopyOfCurrent(group);
                var typedBadly = false;
                foreach (var field in group.Fields)
                {
                    if (!command.Values.TryGetValue(field.Key, out var text))
                    {
                        continue;
                    }

                    if (field.TryParse(text, out var value, out var problem))
                    {
                        field.Set(candidate, value);
                    }
                    else
                    {
                        errors[field.Key] = [problem!];
                        typedBadly = true;
                    }
                }

                if (typedBadly)
                {
                    continue;
                }

                foreach (var problem in group.Validate(candidate))
                {
                    var field = group.FieldOf(problem);
                    var key = field?.Key ?? string.Empty;
                    var message = field is null ? problem : SettingsGroup.ForPeople(problem, field);
                    errors[key] = [.. errors.GetValueOrDefault(key) ?? [], message];
                }

                var changed = group.Fields.Where(f => !SettingField.AreEqual(f.Get(before), f.Get(candidate))).ToList();
                if (changed.Count > 0)
                {
                    changes.Add((group, candidate, changed, before));
                }
            }

            if (errors.Count > 0)
            {
                return Error.Validation(errors);
            }

            if (changes.Count == 0)
            {
                return new Saved([], 0);
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var by = (await directory.ActorAsync(user, cancellationToken)).Name;
            var sections = changes.Select(c => c.Group.Section).ToList();
            var rows = await db.StoredSettings.Where(s => sections.Contains(s.Section)).ToDictionaryAsync(s => s.Section, cancellationToken);
            foreach (var (group, candidate, fields, before) in changes)
            {
                var values = rows.TryGetValue(group.Section, out var row) ? Parse(row.ValuesJson) : [];
                foreach (var field in fields)
                {
                    values[field.Property] = field.ToJson(field.Get(candidate));
                }

                var json = JsonSerializer.Serialize(values);
                if (row is null)
                {
                    row = StoredSettings.Create(group.Section, json, by, now);
                    db.StoredSettings.Add(row);
                }
                else
                {
                    row.Update(json, by, now);
                }

                audit.Record("SettingsChanged", nameof(StoredSettings), row.Id,
                    $"{group.Title}: " + string.Join("; ", fields.Select(f => $"{f.Label} from {Quoted(f, f.Get(before))} to {Quoted(f, f.Get(candidate))}")));
            }

            var replanned = 0;
            if (changes.FirstOrDefault(c => c.Candidate is AppointmentPolicy && c.Fields.Any(f => f.Property == nameof(AppointmentPolicy.ReminderHoursBefore)))
                is { Candidate: AppointmentPolicy appointments })
            {
                replanned = await ReminderPlan.FollowAsync(db, outbox, appointments.Reminders, texting, now, cancellationToken);
            }

            if (await db.SaveOrConflictAsync(
                    ex => ex is DbUpdateConcurrencyException || databaseErrors.IsUniqueViolation(ex) ? Error.Conflict(ChangedMeanwhileMessage) : null,
                    cancellationToken) is { } conflict)
            {
                return conflict;
            }

            return new Saved(changes.SelectMany(c => c.Fields.Select(f => f.Label)).ToList(), replanned);
        }

        private static Dictionary<string, JsonElement> Parse(string json) =>
            JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [];

        /// <summary>A value as the audit line shows it: quoted, one line, and short.</summary>
        private static string Quoted(SettingField field, object? value)
        {
            var text = SettingField.Format(value).ReplaceLineEndings(" / ");
            if (text.Length == 0)
            {
                return "(empty)";
            }

            return "\"" + (text.Length > 120 ? text[..117] + "..." : text) + "\"";
        }
    }
}
