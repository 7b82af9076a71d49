using System.Text.Json;

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

using Scheduling.Application.Common.Settings;
using Scheduling.Infrastructure.Persistence;

namespace Scheduling.Infrastructure.Settings;

/// <summary>The configuration's values of each editable settings class, bound and checked once at start.</summary>
public sealed class SettingsDefaults(IReadOnlyDictionary<Type, object> defaults)
{
    public bool Has(Type type) => defaults.ContainsKey(type);

    public object For(Type type) =>
        defaults.TryGetValue(type, out var value) ? value : throw new InvalidOperationException($"{type.Name} is not a clinic setting.");
}

/// <summary>
/// <see cref="IClinicSettings"/> for one scope (a request or a job): the stored rows are read once, on
/// first use, with one small query; each settings class is the configuration's values with the stored
/// ones laid over them. A stored set that no longer passes its class's rules (a rule tightened by an
/// upgrade) is not used: the configuration's values apply and the log says which section.
/// </summary>
public sealed partial class ClinicSettingsStore(ApplicationDbContext db, SettingsDefaults defaults, ILogger<ClinicSettingsStore> logger) : IClinicSettings
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false };

    private Dictionary<string, Domain.Settings.StoredSettings>? _stored;
    private readonly Dictionary<Type, object> _current = [];

    public IReadOnlyList<SettingsGroup> Groups => ClinicSettingsCatalog.Groups;

    public T Current<T>()
        where T : class => (T)Current(typeof(T));

    /// <summary>An editable class the catalog has no fields for (yet) is its configuration values.</summary>
    private object Uncatalogued(Type type) => defaults.For(type);

    public object Current(Type type)
    {
        if (_current.TryGetValue(type, out var cached))
        {
            return cached;
        }

        var group = Groups.SingleOrDefault(g => g.SettingsType == type);
        var value = group is null ? Uncatalogued(type) : Overlaid(group);
        _current[type] = value;
        return value;
    }

    public object CopyOfDefaults(SettingsGroup group) => Copy(group.SettingsType, defaults.For(group.SettingsType));

    public object CopyOfCurrent(SettingsGroup group) => Copy(group.SettingsType, Current(group.SettingsType));

    public (string By, DateTime AtUtc)? LastChange(string section) =>
        Stored().TryGetValue(section, out var row) ? (row.UpdatedBy, row.UpdatedAtUtc) : null;

    /// <summary>The values stored for a section, by property name (what the save compares and writes).</summary>
    public static Dictionary<string, JsonElement> Parse(string valuesJson) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(valuesJson, Json) ?? [];

    public static string Serialize(IReadOnlyDictionary<string, JsonElement> values) => JsonSerializer.Serialize(values, Json);

    private object Overlaid(SettingsGroup group)
    {
        var value = Copy(group.SettingsType, defaults.For(group.SettingsType));
        if (!Stored().TryGetValue(group.Section, out var row))
        {
            return value;
        }

        try
        {
            var values = Parse(row.ValuesJson);
            foreach (var field in group.Fields)
            {
                if (values.TryGetValue(field.Property, out var json))
                {
                    field.Set(value, field.FromJson(json));
                }
            }
        }
        catch (JsonException)
        {
            LogUnusable(logger, group.Section, "it is not readable");
            return Copy(group.SettingsType, defaults.For(group.SettingsType));
        }

        var problems = group.Validate(value);
        if (problems.Count > 0)
        {
            LogUnusable(logger, group.Section, string.Join(" ", problems));
            return Copy(group.SettingsType, defaults.For(group.SettingsType));
        }

        return value;
    }

    private Dictionary<string, Domain.Settings.StoredSettings> Stored()
    {
        if (_stored is null)
        {
            try
            {
                _stored = db.StoredSettings.AsNoTracking().ToDictionary(s => s.Section, StringComparer.Ordinal);
            }
            catch (System.Data.Common.DbException ex)
            {
                // The database is down: pages (the error page among them) still show the clinic as
                // configured; whatever needs the database fails on its own query with its own page.
                LogUnreadable(logger, ex.GetType().Name);
                _stored = [];
            }
        }

        return _stored;
    }

    // The settings classes are plain property bags; a JSON round trip copies every settable property.
    private static object Copy(Type type, object value) =>
        JsonSerializer.Deserialize(JsonSerializer.Serialize(value, type, Json), type, Json)!;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The clinic's saved settings could not be read ({Error}); the configuration's values apply for this request.")]
    private static partial void LogUnreadable(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The clinic's saved {Section} settings are not used ({Reason}); the configuration's values apply until they are saved again.")]
    private static partial void LogUnusable(ILogger logger, string section, string reason);
}
